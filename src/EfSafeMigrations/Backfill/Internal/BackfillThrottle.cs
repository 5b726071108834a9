using System.Diagnostics;
using Npgsql;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// How long a backfill rests between batches: the migration's pause; longer when a rows-per-second limit asks for it;
/// as long as the batch itself took when the batch had to wait for locks or ran far slower than usual (the server or
/// the table is busy: writers get the time back); and, before a batch, until every standby's replay lag is under the limit.
/// </summary>
internal sealed class BackfillThrottle(BackfillOperation operation)
{
    private static readonly TimeSpan LagPollInterval = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _sinceLagCheck = new();
    private double _typicalMs;

    /// <summary>The rest after a batch that walked <paramref name="walked"/> rows in <paramref name="duration"/>.</summary>
    public TimeSpan PauseAfter(long walked, TimeSpan duration, bool waitedOnLocks)
    {
        var pause = operation.Pause;
        if (operation.MaxRowsPerSecond is > 0 and var rate)
        {
            pause = Max(pause, TimeSpan.FromSeconds((double)walked / rate) - duration);
        }

        var slow = _typicalMs > 0 && duration.TotalMilliseconds > 4 * _typicalMs;
        if (waitedOnLocks || slow)
        {
            pause = Max(pause, duration);
        }

        _typicalMs = _typicalMs == 0 ? duration.TotalMilliseconds : (0.8 * _typicalMs) + (0.2 * duration.TotalMilliseconds);
        return pause;
    }

    /// <summary>
    /// Waits while a standby replays more than the limit behind (<c>pg_stat_replication.replay_lag</c>, on the primary; the
    /// column is NULL without <c>pg_monitor</c> and on a standby, where nothing is waited for). Checked at most once a second.
    /// </summary>
    public async Task WaitForReplicationAsync(NpgsqlConnection connection, Action<TimeSpan> waiting, CancellationToken cancellationToken)
    {
        var limit = operation.MaxReplicationLag ?? BackfillDefaults.MaxReplicationLag;
        if (limit <= TimeSpan.Zero || (_sinceLagCheck.IsRunning && _sinceLagCheck.Elapsed < LagPollInterval))
        {
            return;
        }

        while (true)
        {
            _sinceLagCheck.Restart();
            var lag = await ReplicationLagAsync(connection, cancellationToken).ConfigureAwait(false);
            if (lag <= limit)
            {
                return;
            }

            waiting(lag);
            await Task.Delay(LagPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<TimeSpan> ReplicationLagAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(extract(epoch FROM replay_lag)), 0)::float8 FROM pg_stat_replication", connection);
        return TimeSpan.FromSeconds((double)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
