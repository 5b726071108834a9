using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Watches, from the lock connection, who blocks the migrating backend while a statement waits. After a lock
/// timeout the statement no longer waits, so the blockers must be seen while it still does. Two kinds of wait:
/// a lock another session holds (<c>pg_blocking_pids</c>), and, for <c>CREATE INDEX CONCURRENTLY</c>, the wait for
/// older snapshots to go away (a <c>virtualxid</c> wait): when <c>pg_blocking_pids</c> names nobody there, the
/// sessions of the database holding a snapshot (<c>backend_xmin</c>) from before the statement started are named.
/// </summary>
internal sealed class BlockerMonitor : IAsyncDisposable
{
    private const string Query = """
        WITH target AS (
            SELECT pid, datid, query_start, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocking
            FROM pg_stat_activity
            WHERE pid = @pid)
        SELECT a.pid, a.state, a.query, a.application_name, now() - a.xact_start
        FROM pg_stat_activity a, target t
        WHERE a.pid = ANY(t.blocking)
           OR (cardinality(t.blocking) = 0 AND t.wait_event_type = 'Lock' AND t.wait_event = 'virtualxid'
               AND a.datid = t.datid AND a.pid <> t.pid AND a.pid <> pg_backend_pid()
               AND a.backend_xmin IS NOT NULL AND a.xact_start < t.query_start)
        ORDER BY a.pid
        """;

    // After a timeout the monitor did not catch (a wait shorter than its polling on a busy machine): the sessions of the
    // database whose transaction is older than the failed statement and holds a snapshot or a table lock, oldest first.
    // They were there during the whole wait; one of them is the blocker.
    private const string LookBackQuery = """
        WITH target AS (SELECT pid, datid, query_start FROM pg_stat_activity WHERE pid = @pid)
        SELECT a.pid, a.state, a.query, a.application_name, now() - a.xact_start
        FROM pg_stat_activity a, target t
        WHERE a.datid = t.datid AND a.pid <> t.pid AND a.pid <> pg_backend_pid() AND a.xact_start < t.query_start
          AND (a.backend_xmin IS NOT NULL
               OR EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted AND l.locktype = 'relation'))
        ORDER BY a.xact_start, a.pid
        """;

    private readonly NpgsqlConnection? _connection;
    private readonly int _pid;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private BlockerMonitor(NpgsqlConnection? connection, int pid, TimeSpan interval)
    {
        _connection = connection;
        _pid = pid;
        _interval = interval;
        _loop = connection is null ? Task.CompletedTask : Task.Run(LoopAsync);
    }

    /// <summary>The blockers seen most recently (empty when none was seen).</summary>
    public IReadOnlyList<BlockingSession> LastSeen { get; private set; } = [];

    /// <summary>
    /// Starts watching <paramref name="pid"/>: a first look right away, then ten looks per lock timeout (at most
    /// every 500 ms), so that a wait is seen before the timeout ends it even on a busy machine.
    /// </summary>
    public static BlockerMonitor Start(NpgsqlConnection? connection, int pid, TimeSpan? lockTimeout)
    {
        var tenth = (lockTimeout is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(5)) / 10;
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(tenth.TotalMilliseconds, 5, 500));
        return new BlockerMonitor(connection, pid, interval);
    }

    /// <summary>The blockers for a message: pid, state, transaction age, application and query of each.</summary>
    public static string Describe(IReadOnlyList<BlockingSession> blockers)
        => blockers.Count == 0 ? "a session that was not seen (the wait was shorter than a monitor check)" : string.Join("; ", blockers);

    /// <summary>Stops watching and returns the blockers seen.</summary>
    /// <param name="lookBack">The statement timed out waiting: when no blocker was seen, name the likely ones.</param>
    public async Task<IReadOnlyList<BlockingSession>> BlockersAsync(bool lookBack = false)
    {
        await StopAsync().ConfigureAwait(false);
        if (LastSeen.Count > 0 || !lookBack || _connection is null)
        {
            return LastSeen;
        }

        try
        {
            return await ReadAsync(LookBackQuery).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            return LastSeen; // Diagnostics only.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var delay = TimeSpan.FromMilliseconds(Math.Min(5, _interval.TotalMilliseconds));
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
                delay = _interval;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var seen = await ReadAsync(Query).ConfigureAwait(false);
                if (seen.Count > 0)
                {
                    LastSeen = seen;
                }
            }
            catch (NpgsqlException)
            {
                return; // Diagnostics only: never fail the migration because the monitor could not look.
            }
            catch (InvalidOperationException)
            {
                return;
            }
        }
    }

    private async Task<IReadOnlyList<BlockingSession>> ReadAsync(string query)
    {
        await using var command = new NpgsqlCommand(query, _connection);
        command.Parameters.AddWithValue("pid", _pid);
        var result = new List<BlockingSession>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            result.Add(new BlockingSession(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : SecretRedactor.Redact(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<TimeSpan>(4)));
        }

        return result;
    }
}
