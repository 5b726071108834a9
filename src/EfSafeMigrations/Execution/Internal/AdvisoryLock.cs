using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// The cross-process migration lock: a session-level advisory lock held on a dedicated connection for the
/// whole run (it survives the commits around non-transactional steps, unlike EF's own table lock). Waiters
/// poll <c>pg_try_advisory_lock</c> in autocommit, never waiting inside a transaction, because a waiting
/// transaction would make the holder's <c>CREATE INDEX CONCURRENTLY</c> wait for it forever.
/// </summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <summary>The dedicated connection: free between steps, used to look up blockers.</summary>
    public NpgsqlConnection Connection => _connection;

    /// <summary>One key per migrations history table (advisory locks are per database already).</summary>
    public static long KeyFor(string? historySchema, string historyTable)
        => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"EfSafeMigrations\u0001{historySchema}\u0001{historyTable}")));

    public static async Task<(AdvisoryLock Lock, TimeSpan Waited)> AcquireAsync(
        NpgsqlConnection connection, long key, ExecutionOptions options, ILogger logger, IProgress<SafeMigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", key);
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    MigrationLog.LockAcquired(logger, clock.Elapsed.TotalMilliseconds, null);
                    progress?.Report(new SafeMigrationProgress(SafeMigrationStage.LockAcquired, null, null, null, "Migration lock acquired."));
                    return (new AdvisoryLock(connection, key), clock.Elapsed);
                }
            }

            if (!announced)
            {
                announced = true;
                MigrationLog.WaitingForLock(logger, (int)options.LockPollInterval.TotalMilliseconds, null);
                progress?.Report(new SafeMigrationProgress(
                    SafeMigrationStage.WaitingForLock, null, null, null, "Another migrator holds the migration lock; waiting."));
            }

            if (clock.Elapsed >= options.LockWaitTimeout)
            {
                throw new TimeoutException(
                    $"Another migrator held the migration lock (advisory lock {key}) for longer than ExecutionOptions.LockWaitTimeout " +
                    $"({options.LockWaitTimeout}). Wait for it to finish, or raise LockWaitTimeout; pg_locks shows the holder " +
                    $"(locktype 'advisory', objid/classid of the key).");
            }

            // Jitter keeps many waiters from polling in lockstep.
            var delay = options.LockPollInterval * (0.75 + (Random.Shared.NextDouble() / 2));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
                command.Parameters.AddWithValue("key", _key);
                await command.ExecuteScalarAsync().ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // Closing the session below releases a session-level advisory lock anyway.
        }
    }
}
