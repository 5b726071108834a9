using System.Data;
using System.Diagnostics;
using System.Reflection;
using EfSafeMigrations.Deployment.Internal;
using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Infrastructure.Internal;
using EfSafeMigrations.Journal;
using EfSafeMigrations.Journal.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// <c>MigrateSafelyAsync</c>: takes the cross-process lock, runs the preflight checks, plans each pending
/// migration into steps and applies them through the <see cref="PlanExecutor"/>, recording progress in the
/// journal so that a failed run resumes at the next step. The EF-migration bookkeeping lives here; how a
/// step runs (timeouts, retries, index cleanup) lives in the executor.
/// </summary>
internal sealed class SafeMigrationRunner(
    ICurrentDbContext currentContext,
    IMigrator migrator,
    IHistoryRepository historyRepository,
    IDatabaseCreator databaseCreator,
    ISqlGenerationHelper sqlGenerationHelper,
    IDbContextOptions contextOptions,
    IRelationalConnection relationalConnection,
    PlanExecutor executor,
    PreflightRunner preflight,
    ILoggerFactory loggerFactory)
{
    public async Task<SafeMigrationReport> RunAsync(MigrateSafelyOptions call, CancellationToken cancellationToken)
    {
        var report = new SafeMigrationReport { DryRun = call.DryRun };
        try
        {
            return await RunCoreAsync(call, report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not SafeMigrationException and not OperationCanceledException
            && DatabaseAccessErrors.Describe(exception, currentContext.Context.Database.GetDbConnection() as NpgsqlConnection) is { } access)
        {
            // EF reports an unreachable server as "likely due to a transient failure", the host only in an inner exception.
            throw new DatabaseAccessException(access.Problem, access.Message, access.Fix, report, exception);
        }
    }

    private async Task<SafeMigrationReport> RunCoreAsync(MigrateSafelyOptions call, SafeMigrationReport report, CancellationToken cancellationToken)
    {
        var safeMigrator = migrator as SafeMigrator ?? throw new InvalidOperationException(
            $"MigrateSafelyAsync needs EfSafeMigrations' migrator, but IMigrator is {migrator.GetType().Name}: another extension or a " +
            "ReplaceService<IMigrator, ...> replaced it. Remove that replacement, or migrate with Database.MigrateAsync().");
        var options = SafeMigrationsOptionsExtension.OptionsOf(contextOptions);
        var logger = call.Logger ?? loggerFactory.CreateLogger("EfSafeMigrations.Migrator");
        var clock = Stopwatch.StartNew();
        var relational = RelationalOptionsExtension.Extract(contextOptions);
        var historySchema = relational.MigrationsHistoryTableSchema;
        var journal = new JournalTableWriter(sqlGenerationHelper, historySchema);
        var context = currentContext.Context;
        var connection = context.Database.GetDbConnection() as NpgsqlConnection
            ?? throw new InvalidOperationException("MigrateSafelyAsync supports the Npgsql provider only (UseNpgsql).");

        if (new NpgsqlConnectionStringBuilder(connection.ConnectionString).Multiplexing)
        {
            throw new InvalidOperationException(
                "MigrateSafelyAsync needs a session-level advisory lock, which multiplexed connections cannot hold: " +
                "migrate through a connection string or data source without Multiplexing=true.");
        }

        if (call.DryRun)
        {
            await DryRunAsync(safeMigrator, call, options, journal, connection, report, logger, cancellationToken).ConfigureAwait(false);
            report.Duration = clock.Elapsed;
            return report;
        }

        if (NoPendingFastPath.Applies(contextOptions, preflight) && !options.Hooks.Any
            && await NoPendingFastPath.TryAsync(context, safeMigrator, historyRepository, preflight, call, options, report, logger, cancellationToken)
                .ConfigureAwait(false))
        {
            return Completed(report, clock, logger, call);
        }

        await DatabaseCreation.EnsureExistsAsync((IRelationalDatabaseCreator)databaseCreator, cancellationToken).ConfigureAwait(false);

        // A clone keeps the credentials (or the data source) without them ever passing through a string here.
        await using var lockConnection = (NpgsqlConnection)((ICloneable)connection).Clone();
        await lockConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await TransactionPoolingCheck.FindProblemAsync(lockConnection, cancellationToken).ConfigureAwait(false) is { } pooling)
        {
            throw new SafeMigrationException(TransactionPoolingCheck.Message(pooling), report);
        }

        var lockNamed = await MigratorApplicationName.ApplyAsync(lockConnection, cancellationToken).ConfigureAwait(false);
        // An unqualified history table lives in the search path's first schema: one lock per tenant schema, and the key of
        // earlier versions when no search path is set.
        var key = AdvisoryLock.KeyFor(
            historySchema ?? SearchPath.FirstSchema(connection.ConnectionString), relational.MigrationsHistoryTableName ?? HistoryRepository.DefaultTableName);
        var (migrationLock, waited) = await AcquireLockAsync(lockConnection, key, options, logger, call, report, cancellationToken).ConfigureAwait(false);
        report.LockWait = waited;
        await using (migrationLock)
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var named = false;
            try
            {
                named = await MigratorApplicationName.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
                await historyRepository.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                await journal.EnsureCreatedAsync(connection, cancellationToken).ConfigureAwait(false);
                var applied = (await historyRepository.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false))
                    .Select(r => r.MigrationId).ToList();
                var plan = await MigrationPlanBuilder.PlanAsync(safeMigrator, applied, call, options, journal, connection, report, cancellationToken)
                    .ConfigureAwait(false);
                await preflight.RunAsync(plan, applied, call.TargetMigration, options, report, logger, throwOnError: true, cancellationToken).ConfigureAwait(false);
                MigrationLog.Planned(logger, plan.Count, plan.Sum(p => p.Planned.Steps.Count - p.Planned.StepsAlreadyCompleted), null);

                var session = new ExecutionSession
                {
                    Connection = connection,
                    MonitorConnection = lockConnection,
                    Options = options.Execution,
                    Logger = logger,
                    Progress = call.Progress,
                    Report = report,
                    BackendPid = await TransactionPoolingCheck.BackendPidAsync(connection, null, cancellationToken).ConfigureAwait(false),
                    Backfills = journal.Backfills,
                };
                var hooks = new RunHooks(options.Hooks, context, connection, report, logger,
                    relationalConnection.ConnectionString ?? connection.ConnectionString);
                await hooks.BeforeRunAsync(cancellationToken).ConfigureAwait(false);
                foreach (var item in plan)
                {
                    await hooks.BeforeMigrationAsync(item.Planned, cancellationToken).ConfigureAwait(false);
                    await ApplyAsync(item, session, journal, options, report, cancellationToken).ConfigureAwait(false);
                    await hooks.AfterMigrationAsync(item.Planned, cancellationToken).ConfigureAwait(false);
                }

                await AfterMigrating.ReloadTypesIfNeededAsync(connection, plan, cancellationToken).ConfigureAwait(false);
                await AfterMigrating.SeedAsync(context, contextOptions, plan.Count > 0, call.Synchronous, cancellationToken).ConfigureAwait(false);
                if (plan.Count > 0)
                {
                    report.Verification = await PostRunVerification.ReadAsync(connection, plan, logger, cancellationToken).ConfigureAwait(false);
                }

                await hooks.AfterRunAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (named)
                {
                    await MigratorApplicationName.ResetAsync(connection).ConfigureAwait(false);
                }

                if (lockNamed)
                {
                    await MigratorApplicationName.ResetAsync(lockConnection).ConfigureAwait(false);
                }

                await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }

        return Completed(report, clock, logger, call);
    }

    private static SafeMigrationReport Completed(SafeMigrationReport report, Stopwatch clock, ILogger logger, MigrateSafelyOptions call)
    {
        report.Duration = clock.Elapsed;
        if (report.PostDeploymentNote is { } note)
        {
            MigrationLog.PostDeployment(logger, note, null);
        }

        MigrationLog.RunCompleted(logger, report.AppliedMigrations.Count, report.RevertedMigrations.Count, report.Duration.TotalMilliseconds, null);
        call.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.Completed, null, null, null,
            $"Applied {report.AppliedMigrations.Count} and reverted {report.RevertedMigrations.Count} migration(s)."));
        return report;
    }

    private static async Task<(AdvisoryLock, TimeSpan)> AcquireLockAsync(
        NpgsqlConnection lockConnection, long key, SafeMigrationsOptions options, ILogger logger, MigrateSafelyOptions call,
        SafeMigrationReport report, CancellationToken cancellationToken)
    {
        try
        {
            return await AdvisoryLock.AcquireAsync(lockConnection, key, options.Execution, logger, call.Progress, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException timeout)
        {
            throw new SafeMigrationException(timeout.Message, report, timeout);
        }
    }

    private async Task DryRunAsync(
        SafeMigrator safeMigrator, MigrateSafelyOptions call, SafeMigrationsOptions options, JournalTableWriter journal, NpgsqlConnection connection,
        SafeMigrationReport report, ILogger logger, CancellationToken cancellationToken)
    {
        // Read-only: nothing is created, locked or executed. A database that does not exist yet has nothing applied.
        var creator = (IRelationalDatabaseCreator)databaseCreator;
        var exists = await creator.ExistsAsync(cancellationToken).ConfigureAwait(false);
        var applied = exists && await historyRepository.ExistsAsync(cancellationToken).ConfigureAwait(false)
            ? (await historyRepository.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).Select(r => r.MigrationId).ToList()
            : [];
        IReadOnlyList<PlanItem> plan;
        if (exists)
        {
            await currentContext.Context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var journalExists = await journal.ExistsAsync(connection, cancellationToken).ConfigureAwait(false);
                plan = await MigrationPlanBuilder.PlanAsync(safeMigrator, applied, call, options, journalExists ? journal : null, connection, report, cancellationToken)
                    .ConfigureAwait(false);
            }
            finally
            {
                await currentContext.Context.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
        else
        {
            plan = await MigrationPlanBuilder.PlanAsync(safeMigrator, applied, call, options, null, connection, report, cancellationToken).ConfigureAwait(false);
        }

        await preflight.RunAsync(plan, applied, call.TargetMigration, options, report, logger, throwOnError: false, cancellationToken).ConfigureAwait(false);
        foreach (var item in plan)
        {
            report.MigrationList.Add(new MigrationOutcome(item.Planned.Id, item.Planned.Direction)
            {
                Status = MigrationStatus.Planned,
                ResumedAfterStep = item.Planned.StepsAlreadyCompleted,
            });
        }
    }

    private async Task ApplyAsync(
        PlanItem item, ExecutionSession session, JournalTableWriter journal, SafeMigrationsOptions options, SafeMigrationReport report,
        CancellationToken cancellationToken)
    {
        var planned = item.Planned;
        var id = planned.Id;
        var up = planned.Direction == MigrationDirection.Up;
        var outcome = new MigrationOutcome(id, planned.Direction) { ResumedAfterStep = planned.StepsAlreadyCompleted };
        report.MigrationList.Add(outcome);
        var connection = session.Connection;
        var clock = Stopwatch.StartNew();
        MigrationLog.MigrationStarting(session.Logger, id, planned.Direction, planned.Steps.Count, planned.StepsAlreadyCompleted + 1, null);
        session.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.MigrationStarting, id, planned.StepsAlreadyCompleted + 1,
            planned.Steps.Count, $"Migration {id} ({planned.Direction}) starting."));

        if (up)
        {
            await journal.StartAsync(connection, id, planned.Checksum, planned.Steps.Count, planned.StepsAlreadyCompleted,
                options.Execution.ApplicationName ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown", PhaseSelection.PhaseOf(item.Migration),
                cancellationToken).ConfigureAwait(false);
            if (!item.EarlierAttempt && item.Migration.UpOperations.Any(o => o is BackfillOperation))
            {
                // A fresh start: checkpoints left by a run the journal no longer knows (reverted by a script, say) are stale.
                await journal.Backfills.DeleteAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
            }
        }

        var current = planned.StepsAlreadyCompleted;
        try
        {
            for (; current < planned.Steps.Count; current++)
            {
                var step = planned.Steps[current];
                var isLast = current == planned.Steps.Count - 1;
                var outcomes = await executor.ExecuteStepAsync(session, step, id, item.EarlierAttempt,
                    async (c, transaction, ct) =>
                    {
                        if (up)
                        {
                            await journal.StepCompletedAsync(c, transaction, id, step.Number, ct).ConfigureAwait(false);
                            if (isLast)
                            {
                                await journal.AppliedAsync(c, transaction, id, clock.Elapsed, ct).ConfigureAwait(false);
                            }
                        }
                        else if (isLast)
                        {
                            await journal.DeleteAsync(c, transaction, id, ct).ConfigureAwait(false);
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
                outcome.StatementList.AddRange(outcomes);
            }
        }
        catch (Exception exception)
        {
            outcome.Status = MigrationStatus.Failed;
            outcome.Duration = clock.Elapsed;
            MigrationLog.MigrationFailed(session.Logger, id, current + 1, exception);
            var failed = exception as PlanStepFailedException;
            if (up)
            {
                await RecordFailureAsync(connection, journal, id, clock.Elapsed, failed?.Statement.ExecutableSql, exception.Message, session.Logger)
                    .ConfigureAwait(false);
            }

            if (exception is OperationCanceledException)
            {
                throw;
            }

            if (DatabaseAccessErrors.Describe(failed?.InnerException ?? exception, connection) is { IsUnreachable: false } access)
            {
                throw new DatabaseAccessException(access.Problem, $"{id}: step {current + 1} failed: {access.Message}", access.Fix, report,
                    failed?.InnerException ?? exception, id);
            }

            throw failed is not null
                ? new SafeMigrationException(failed.Message, report, failed.InnerException, id, failed.Blockers)
                : new SafeMigrationException($"{id}: step {current + 1} failed: {SecretRedactor.Redact(exception.Message)}", report, exception, id);
        }

        outcome.Status = MigrationStatus.Applied;
        outcome.Duration = clock.Elapsed;
        MigrationLog.MigrationApplied(session.Logger, id, clock.Elapsed.TotalMilliseconds, null);
        session.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.MigrationCompleted, id, planned.Steps.Count, planned.Steps.Count,
            $"Migration {id} done in {clock.Elapsed.TotalMilliseconds:0} ms."));
    }

    /// <summary>Best effort: the failure may have been the connection itself (a terminated backend).</summary>
    private static async Task RecordFailureAsync(
        NpgsqlConnection connection, JournalTableWriter journal, string id, TimeSpan duration, string? statement, string error, ILogger logger)
    {
        try
        {
            if (connection.State != ConnectionState.Open)
            {
                await connection.CloseAsync().ConfigureAwait(false);
                await connection.OpenAsync().ConfigureAwait(false);
            }

            await journal.FailedAsync(connection, id, duration, statement, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(new EventId(35013, "JournalFailureNotRecorded"), exception,
                "Could not record the failure of {MigrationId} in the journal; the next run resumes from the last recorded step", id);
        }
    }
}
