using System.Diagnostics;
using EfSafeMigrations.Backfill.Internal;
using EfSafeMigrations.Execution.Internal.Partitions;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>Where and how a plan is applied: the connection, the lock connection (for blocker lookups), options, sinks.</summary>
internal sealed class ExecutionSession
{
    public required NpgsqlConnection Connection { get; init; }

    /// <summary>The migration lock's dedicated connection, idle between statements; null: blockers are not looked up.</summary>
    public NpgsqlConnection? MonitorConnection { get; init; }

    public required ExecutionOptions Options { get; init; }

    public required Microsoft.Extensions.Logging.ILogger Logger { get; init; }

    public IProgress<SafeMigrationProgress>? Progress { get; init; }

    public required SafeMigrationReport Report { get; init; }

    /// <summary>
    /// The server backend of <see cref="Connection"/> (<c>pg_backend_pid()</c>), when known: behind a session-mode pooler
    /// <see cref="NpgsqlConnection.ProcessID"/> is the pooler's own key, not a backend the blocker lookup can find.
    /// </summary>
    public int? BackendPid { get; init; }

    /// <summary>The journal's backfill checkpoints; null: backfills cannot run here (push has none).</summary>
    public Backfill.Internal.BackfillCheckpoints? Backfills { get; init; }
}

/// <summary>
/// Bookkeeping run when a step succeeds: inside the step's transaction for a transactional step (so the
/// journal and the schema change commit together), right after the statement for a non-transactional one.
/// </summary>
internal delegate Task StepCompleted(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken);

/// <summary>A step failed for good: after its retries, or on an error that is not retried.</summary>
internal sealed class PlanStepFailedException(
    string message, PlanStep step, PlannedStatement statement, int attempts, IReadOnlyList<BlockingSession> blockers, Exception inner)
    : Exception(message, inner)
{
    public PlanStep Step { get; } = step;

    public PlannedStatement Statement { get; } = statement;

    public int Attempts { get; } = attempts;

    public IReadOnlyList<BlockingSession> Blockers { get; } = blockers;
}

/// <summary>
/// Applies plan steps: each transactional step in one transaction, each other step in autocommit, every
/// statement under its own lock and statement timeouts, lock timeouts retried with backoff (the blockers
/// named in the log), and an INVALID index from an earlier failed concurrent build dropped before building
/// it again. Knows nothing of EF migrations: the migrator and the push mode both hand it steps.
/// </summary>
internal sealed class PlanExecutor(ISqlGenerationHelper sqlGenerationHelper)
{
    private readonly PartitionSafeForms _partitions = new(sqlGenerationHelper);
    private readonly ConcurrentIndexPreparation _indexes = new(sqlGenerationHelper);
    private readonly BackfillRunner _backfills = new(sqlGenerationHelper);

    /// <summary>Applies <paramref name="steps"/> in order (the push mode's entry point).</summary>
    public async Task ExecuteAsync(ExecutionSession session, IReadOnlyList<PlanStep> steps, string label, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            await ExecuteStepAsync(session, step, label, resuming: false, completed: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies one step with its retries; returns what each statement did.</summary>
    /// <param name="resuming">An earlier run may have built this step's index already: a valid one is kept, not rebuilt.</param>
    public async Task<IReadOnlyList<StatementOutcome>> ExecuteStepAsync(
        ExecutionSession session, PlanStep step, string label, bool resuming, StepCompleted? completed, CancellationToken cancellationToken)
    {
        if (BackfillStep.Is(step))
        {
            return await BackfillStep.RunAsync(_backfills, session, step, label, completed, cancellationToken).ConfigureAwait(false);
        }

        var options = session.Options;
        var maxAttempts = Math.Max(1, options.MaxAttempts);
        IReadOnlyList<BlockingSession> seen = []; // Across attempts: one attempt's wait may end before the monitor looks.
        for (var attempt = 1; ; attempt++)
        {
            var current = step.Statements[0];
            try
            {
                var outcomes = new List<StatementOutcome>(step.Statements.Count);
                if (step.Transactional)
                {
                    await using var transaction = await session.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var statement in step.Statements)
                    {
                        current = statement;
                        outcomes.AddRange(
                            await RunPartitionSafeAsync(session, step, statement, transaction, resuming, attempt, label, cancellationToken).ConfigureAwait(false)
                            ?? [await RunAsync(session, step, statement, transaction, attempt, label, cancellationToken).ConfigureAwait(false)]);
                    }

                    if (completed is not null)
                    {
                        await completed(session.Connection, transaction, cancellationToken).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    foreach (var statement in step.Statements)
                    {
                        current = statement;
                        if (await RunPartitionSafeAsync(session, step, statement, null, resuming, attempt, label, cancellationToken).ConfigureAwait(false) is { } done)
                        {
                            outcomes.AddRange(done);
                            continue;
                        }

                        var skip = await _indexes.PrepareAsync(session, statement, label, step.Number, resuming, cancellationToken).ConfigureAwait(false);
                        outcomes.Add(skip
                            ? new StatementOutcome(step.Number, statement.Sql, false, TimeSpan.Zero, attempt, statement.Rewrites, Skipped: true)
                            : await RunAsync(session, step, statement, null, attempt, label, cancellationToken).ConfigureAwait(false));
                    }

                    if (completed is not null)
                    {
                        await completed(session.Connection, null, cancellationToken).ConfigureAwait(false);
                    }
                }

                return outcomes;
            }
            catch (StatementFailedException failure) when (RetryPolicy.IsRetryable(failure.InnerException!) && attempt < maxAttempts)
            {
                seen = failure.Blockers.Count > 0 ? failure.Blockers : seen;
                var delay = RetryPolicy.DelayBefore(attempt + 1, options);
                var waited = RetryPolicy.LockTimeoutFor(attempt, current.LockTimeout, options)?.TotalMilliseconds ?? 0;
                var next = RetryPolicy.LockTimeoutFor(attempt + 1, current.LockTimeout, options)?.TotalMilliseconds ?? 0;
                session.Report.Retries++;
                MigrationLog.LockTimeoutRetry(session.Logger, label, step.Number, attempt, maxAttempts, waited, delay.TotalMilliseconds, next,
                    BlockerMonitor.Describe(seen) + While(failure));
                session.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.Retrying, label, step.Number, null,
                    $"Step {step.Number} timed out waiting for a lock for {waited:0} ms (attempt {attempt} of {maxAttempts}); " +
                    $"next attempt waits up to {next:0} ms; blocked by {BlockerMonitor.Describe(seen)}{While(failure)}."));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (StatementFailedException failure)
            {
                var inner = failure.InnerException!;
                var retried = RetryPolicy.IsRetryable(inner);
                seen = failure.Blockers.Count > 0 ? failure.Blockers : seen;
                var leftInvalid = step.Transactional ? null : await _indexes.CleanUpAfterFailureAsync(session, current, cancellationToken).ConfigureAwait(false);
                var applied = leftInvalid is null ? "nothing of this step was applied" : $"nothing of this step was applied, but {leftInvalid}";
                var message = retried
                    ? $"{label}: step {step.Number} could not get its lock within the lock timeout " +
                      $"({RetryPolicy.LockTimeoutFor(attempt, current.LockTimeout, options)?.TotalMilliseconds ?? 0:0} ms in the last attempt) " +
                      $"in {attempt} attempt(s){While(failure)}; {applied}. " +
                      $"Blocked by {BlockerMonitor.Describe(seen)}. Let that session finish (or end it), then run again; " +
                      "ExecutionOptions.MaxAttempts, InitialLockTimeout and LockTimeout control the patience."
                    : $"{label}: step {step.Number} failed{While(failure)}: {SecretRedactor.Redact(inner.Message)}. " +
                      (step.Transactional ? "Its transaction was rolled back; nothing of this step was applied." : $"It ran outside a transaction; {applied}.");
                throw new PlanStepFailedException(message, step, current, attempt, retried ? seen : failure.Blockers, inner);
            }
        }
    }

    private static async Task<StatementOutcome> RunAsync(
        ExecutionSession session, PlanStep step, PlannedStatement statement, NpgsqlTransaction? transaction, int attempt, string label,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await MonitoredRun.RunAsync(session, statement, transaction, null, async (connection, tx, ct) =>
        {
            await using var command = new NpgsqlCommand(statement.ExecutableSql, connection, tx) { CommandTimeout = 0 };
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken, attempt).ConfigureAwait(false);
        clock.Stop();
        MigrationLog.StatementExecuted(session.Logger, label, step.Number, step.Transactional, clock.Elapsed.TotalMilliseconds, statement.Sql, null);
        session.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.StatementCompleted, label, step.Number, null,
            $"Step {step.Number}: statement done in {clock.Elapsed.TotalMilliseconds:0} ms."));
        return new StatementOutcome(step.Number, statement.Sql, step.Transactional, clock.Elapsed, attempt, statement.Rewrites, Skipped: false);
    }

    /// <summary>
    /// A statement PostgreSQL refuses on a partitioned table runs in the form it accepts (<see cref="PartitionSafeForms"/>);
    /// null: the statement is not affected.
    /// </summary>
    private async Task<IReadOnlyList<StatementOutcome>?> RunPartitionSafeAsync(
        ExecutionSession session, PlanStep step, PlannedStatement statement, NpgsqlTransaction? transaction, bool resuming, int attempt, string label,
        CancellationToken cancellationToken)
    {
        if (await _partitions.ResolveAsync(session, statement, transaction, resuming, label, cancellationToken).ConfigureAwait(false) is not { } substitute)
        {
            return null;
        }

        if (substitute.Finding is { } finding && !session.Report.ProblemList.Contains(finding))
        {
            session.Report.ProblemList.Add(finding);
            MigrationLog.PreflightProblem(session.Logger, finding.Check, finding.Code, finding.Message, null);
        }

        if (substitute.Statements.Count == 0)
        {
            MigrationLog.ValidIndexSkipped(session.Logger, statement.IndexName ?? statement.Sql, null);
            return [new StatementOutcome(step.Number, statement.Sql, step.Transactional, TimeSpan.Zero, attempt, statement.Rewrites, Skipped: true)];
        }

        var outcomes = new List<StatementOutcome>(substitute.Statements.Count);
        foreach (var form in substitute.Statements)
        {
            outcomes.Add(await RunAsync(session, step, form, transaction, attempt, label, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    /// <summary>
    /// Runs <paramref name="run"/> under the timeouts, leaving none behind on the session: <c>SET LOCAL</c> inside a
    /// transaction (its end undoes it, a rollback included), else a session-level <c>SET</c> and a <c>RESET</c> right after.
    /// </summary>
    internal static async Task<T> WithTimeoutsAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, TimeSpan? lockTimeout, TimeSpan? statementTimeout, Func<Task<T>> run,
        CancellationToken cancellationToken)
    {
        var local = transaction is not null;
        var sql = Migrations.Internal.SafeSql.SetTimeout("lock_timeout", lockTimeout, local) +
                  Migrations.Internal.SafeSql.SetTimeout("statement_timeout", statementTimeout, local);
        await using (var set = new NpgsqlCommand(sql, connection, transaction))
        {
            await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var completed = false;
        try
        {
            var result = await run().ConfigureAwait(false);
            completed = true;
            return result;
        }
        finally
        {
            if (!local && connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await using var reset = new NpgsqlCommand(string.Concat(Migrations.Internal.SafeSql.ResetTimeouts), connection);
                    await reset.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (NpgsqlException) when (!completed)
                {
                    // The statement's own failure is what counts; a session that cannot even RESET goes with its connection.
                }
            }
        }
    }

    private static string While(StatementFailedException failure) => failure.Activity is null ? string.Empty : $" (while {failure.Activity})";
}
