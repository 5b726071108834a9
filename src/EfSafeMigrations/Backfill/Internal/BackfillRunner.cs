using System.Diagnostics;
using EfSafeMigrations.Execution.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// Runs a backfill batch by batch: each batch in its own short transaction under the statement's lock and statement
/// timeouts (a lock timeout retries that batch with a longer timeout after a backoff, the blockers named), its
/// checkpoint advanced in the same transaction, throttled between batches, progress reported after each. Resumes at
/// the checkpoint; a finished backfill is not run again. Usable by any step that carries a <see cref="BackfillOperation"/>
/// (the migrator's plan, or an operation that emits a backfill step of its own).
/// </summary>
internal sealed class BackfillRunner(ISqlGenerationHelper sqlGenerationHelper)
{
    public async Task<BackfillOutcome> RunAsync(
        ExecutionSession session, BackfillOperation operation, PlannedStatement timeoutsOf, BackfillCheckpointId id, CancellationToken cancellationToken)
    {
        var checkpoints = session.Backfills ?? throw new InvalidOperationException(
            "A backfill needs the journal's checkpoint table: run it through MigrateSafelyAsync.");
        var connection = session.Connection;
        var table = sqlGenerationHelper.DelimitIdentifier(operation.Table, operation.Schema);
        var clock = Stopwatch.StartNew();
        var checkpoint = await checkpoints.ReadAsync(connection, id, cancellationToken).ConfigureAwait(false);
        if (checkpoint is { Done: true })
        {
            BackfillLog.AlreadyDone(session.Logger, id.Owner, id.Step, table, null);
            return Outcome(id, table, checkpoint, clock.Elapsed, checkpoint.Batches);
        }

        var key = await BackfillKey.ResolveAsync(connection, table, operation.KeyColumns, cancellationToken).ConfigureAwait(false);
        IBackfillBatch batch = operation.Typed is null
            ? SqlBackfillBatch.For(operation, key, sqlGenerationHelper.DelimitIdentifier)
            : await TypedBackfillBatch.ForAsync(connection, operation, key, sqlGenerationHelper.DelimitIdentifier, cancellationToken).ConfigureAwait(false);
        if (checkpoint is null)
        {
            await checkpoints.StartAsync(connection, id, table, cancellationToken).ConfigureAwait(false);
            checkpoint = new BackfillCheckpoint(false, null, 0, 0, 0);
        }
        else
        {
            BackfillLog.Resuming(session.Logger, id.Owner, id.Step, checkpoint.Batches, checkpoint.RowsWalked, null);
        }

        var resumedAfter = checkpoint.Batches;
        var rate = new BackfillRate(await EstimateAsync(connection, table, cancellationToken).ConfigureAwait(false), checkpoint.RowsWalked);
        var throttle = new BackfillThrottle(operation);
        var (lastKey, walked, updated, batches) = (checkpoint.LastKey, checkpoint.RowsWalked, checkpoint.RowsUpdated, checkpoint.Batches);
        var lastLog = Stopwatch.StartNew();
        while (true)
        {
            await throttle.WaitForReplicationAsync(connection, lag => WaitingForReplication(session, id, operation, lag), cancellationToken)
                .ConfigureAwait(false);
            var batchClock = Stopwatch.StartNew();
            var (result, attempts) = await RunBatchAsync(session, batch, checkpoints, id, timeoutsOf, lastKey, operation.BatchSize, cancellationToken)
                .ConfigureAwait(false);
            batchClock.Stop();
            (lastKey, walked, updated, batches) = (result.LastKey ?? lastKey, walked + result.Walked, updated + result.Updated, batches + 1);
            var progress = rate.Progress(table, walked, updated, batches);
            var line = BackfillRate.Describe(progress);
            session.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.Backfilling, id.Owner, id.Step, null, line) { Backfill = progress });
            if (lastLog.Elapsed >= TimeSpan.FromSeconds(5))
            {
                BackfillLog.Progress(session.Logger, id.Owner, id.Step, line, null);
                lastLog.Restart();
            }

            if (result.Walked < operation.BatchSize)
            {
                break;
            }

            var pause = throttle.PauseAfter(result.Walked, batchClock.Elapsed, waitedOnLocks: attempts > 1);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            }
        }

        BackfillLog.Completed(session.Logger, id.Owner, id.Step, table, updated, batches, clock.Elapsed.TotalMilliseconds, null);
        return Outcome(id, table, new BackfillCheckpoint(true, lastKey, walked, updated, batches), clock.Elapsed, resumedAfter);
    }

    /// <summary>One batch and its checkpoint in one transaction; lock timeouts and deadlocks retried like a step's.</summary>
    private static async Task<(BatchResult Result, int Attempts)> RunBatchAsync(
        ExecutionSession session, IBackfillBatch batch, BackfillCheckpoints checkpoints, BackfillCheckpointId id, PlannedStatement timeoutsOf,
        string[]? lastKey, int batchSize, CancellationToken cancellationToken)
    {
        var options = session.Options;
        var maxAttempts = Math.Max(1, options.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await session.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var result = await MonitoredRun.RunAsync(session, timeoutsOf, transaction, null,
                    (c, t, ct) => batch.RunAsync(c, t!, lastKey, ct), cancellationToken, attempt).ConfigureAwait(false);
                await checkpoints.AdvanceAsync(session.Connection, transaction, id, result.LastKey, result.Walked, result.Updated,
                    done: result.Walked < batchSize, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (result, attempt);
            }
            catch (StatementFailedException failure) when (RetryPolicy.IsRetryable(failure.InnerException!) && attempt < maxAttempts)
            {
                var delay = RetryPolicy.DelayBefore(attempt + 1, options);
                var waited = RetryPolicy.LockTimeoutFor(attempt, timeoutsOf.LockTimeout, options)?.TotalMilliseconds ?? 0;
                var next = RetryPolicy.LockTimeoutFor(attempt + 1, timeoutsOf.LockTimeout, options)?.TotalMilliseconds ?? 0;
                session.Report.Retries++;
                MigrationLog.LockTimeoutRetry(session.Logger, id.Owner, id.Step, attempt, maxAttempts, waited, delay.TotalMilliseconds, next,
                    BlockerMonitor.Describe(failure.Blockers));
                session.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.Retrying, id.Owner, id.Step, null,
                    $"Step {id.Step}: a backfill batch timed out waiting for row locks for {waited:0} ms (attempt {attempt} of {maxAttempts}); " +
                    $"next attempt waits up to {next:0} ms; blocked by {BlockerMonitor.Describe(failure.Blockers)}."));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void WaitingForReplication(ExecutionSession session, BackfillCheckpointId id, BackfillOperation operation, TimeSpan lag)
    {
        var limit = operation.MaxReplicationLag ?? BackfillDefaults.MaxReplicationLag;
        BackfillLog.WaitingForReplication(session.Logger, id.Owner, id.Step, lag.TotalMilliseconds, limit.TotalMilliseconds, null);
        session.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.Backfilling, id.Owner, id.Step, null,
            $"Step {id.Step}: a standby replays {lag.TotalSeconds:0.#} s behind (limit {limit.TotalSeconds:0.#} s); the backfill waits."));
    }

    /// <summary><c>pg_class.reltuples</c>: -1 (PostgreSQL 14+) or 0 before the first VACUUM/ANALYZE means unknown.</summary>
    private static async Task<long?> EstimateAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT reltuples::bigint FROM pg_class WHERE oid = @table::regclass", connection);
        command.Parameters.AddWithValue("table", table);
        var estimate = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return estimate > 0 ? estimate : null;
    }

    private static BackfillOutcome Outcome(BackfillCheckpointId id, string table, BackfillCheckpoint checkpoint, TimeSpan duration, int resumedAfter)
        => new(id.Owner, id.Step, table, checkpoint.RowsWalked, checkpoint.RowsUpdated, checkpoint.Batches, duration, resumedAfter);
}
