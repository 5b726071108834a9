using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using EfSafeMigrations.CommandLine.Internal.Rendering;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>migrate [target]</c>: <c>MigrateSafelyAsync</c>, with a progress display and the timings.</summary>
internal sealed class MigrateCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["migrate"],
        "Apply pending migrations safely (lint gate, lock timeouts with retries, concurrent index builds).",
        "Applies the pending migrations with MigrateSafelyAsync: one migrator at a time (advisory lock), preflight checks\n" +
        "first (lint, journal), every statement under a lock timeout with retries, index builds and validations outside\n" +
        "transactions. A failed run resumes at the step that failed. With a target, migrates to that migration\n" +
        "(reverting newer ones); '0' reverts every migration.\n" +
        "Post-deployment migrations (contracts, [PostDeployment]) wait, listed as deferred, until a run with\n" +
        "--post-deployment once the rollout of the new application version has finished (docs/expand-contract.md);\n" +
        "they apply with the rest on a database with no migration applied yet, and up to an explicit target.",
        [new("post-deployment", null, "Also apply the post-deployment migrations: run it after the rollout has finished.")],
        [new("target", "The migration to migrate to (name or id); default: the latest.")]);

    public bool NeedsDatabase => true;

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, _) = invocation;
        var progress = new MigrationProgress(output.Progress);
        var options = new MigrateSafelyOptions
        {
            TargetMigration = arguments.Positional(0),
            ApplyPostDeployment = arguments.Has("post-deployment"),
            Progress = progress,
        };
        SafeMigrationReport report;
        try
        {
            report = await context.Database.MigrateSafelyAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseAccessException access)
        {
            output.Progress.Stop();
            Write(output, access.Report);
            var code = access.Problem is DatabaseAccessProblem.ServerUnreachable or DatabaseAccessProblem.LoginRefused
                ? SafeMigrationsExitCode.ServerUnreachable
                : SafeMigrationsExitCode.MissingPrivilege;
            output.Failure(Outcomes.Name(code), access.Summary, access.Fix);
            return code;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Progress.Stop();
            await StoppedRun.WriteAsync(output, context, progress).ConfigureAwait(false);
            throw; // the host names the signal and sets the exit code
        }
        catch (SafeMigrationException failure)
        {
            output.Progress.Stop();
            Write(output, failure.Report, stopped: true);
            var code = ProblemRendering.ExitCodeFor(failure.Report.Problems) ?? SafeMigrationsExitCode.MigrationFailed;
            var refusedBeforeRunning = failure.Report.Problems.Any(p => p.Severity == Execution.PreflightSeverity.Error);
            if (failure.Blockers.Count > 0)
            {
                output.Document["blockers"] = new JsonArray([.. failure.Blockers.Select(b => (JsonNode)b.ToString())]);
            }

            output.Failure(Outcomes.Name(code), failure.Message, code switch
            {
                SafeMigrationsExitCode.LintErrors => "Fix the migration, or mark an intended operation as assured; 'lint' lists the findings.",
                SafeMigrationsExitCode.JournalProblem => "Run 'check' to see what disagrees, then 'journal repair' once the cause is understood.",
                _ when refusedBeforeRunning => "Nothing ran: each preflight finding above says its fix; then run again.",
                _ => "Run 'status' to see which steps completed; the next 'migrate' resumes after them.",
            });
            return code;
        }

        output.Progress.Stop();
        Write(output, report);
        return SafeMigrationsExitCode.Success;
    }

    /// <param name="stopped">The run failed: a preflight refusal runs nothing, so neither "nothing to apply" nor what would have applied is said.</param>
    private static void Write(CommandOutput output, SafeMigrationReport report, bool stopped = false)
    {
        if (report.Problems.Count > 0)
        {
            output.Heading("Preflight findings");
            ProblemRendering.Write(output, report.Problems);
            output.Line();
        }

        var applied = report.AppliedMigrations.Count;
        var reverted = report.RevertedMigrations.Count;
        var failed = report.Migrations.Count(m => m.Status == MigrationStatus.Failed);
        if (report.Migrations.Count == 0 && stopped)
        {
            output.Line("Stopped before anything ran.", Style.Bad);
        }
        else if (report.Migrations.Count == 0 && failed == 0)
        {
            output.Line(report.DeferredMigrations.Count == 0
                ? "Nothing to apply: the database is up to date."
                : "Nothing to apply before the rollout: only post-deployment migrations are pending.", Style.Good);
        }
        else
        {
            output.Heading($"{(failed > 0 ? "Stopped" : "Done")}: {applied} applied, {reverted} reverted{(failed > 0 ? $", {failed} failed" : string.Empty)} " +
                           $"in {Durations.Human(report.Duration)} (lock wait {Durations.Human(report.LockWait)}, {report.Retries} retries)");
        }

        foreach (var migration in report.Migrations)
        {
            var (label, style) = migration.Status switch
            {
                MigrationStatus.Applied => (migration.Direction == MigrationDirection.Up ? "applied " : "reverted", Style.Good),
                MigrationStatus.Failed => ("failed  ", Style.Bad),
                _ => ("planned ", Style.Dim),
            };
            output.Line(("  " + label + " ", style), (migration.Id.PadRight(40), Style.Plain), (Durations.Human(migration.Duration).PadLeft(9), Style.Bold),
                (migration.ResumedAfterStep > 0 ? $"  (resumed after step {migration.ResumedAfterStep})" : string.Empty, Style.Dim));
            foreach (var statement in migration.Statements)
            {
                var where = statement.Transactional ? string.Empty : "  [outside a transaction]";
                var skipped = statement.Skipped ? "  [already built: skipped]" : string.Empty;
                var attempts = statement.Attempts > 1 ? $"  [{statement.Attempts} attempts]" : string.Empty;
                output.Line($"      {Durations.Human(statement.Duration),9}  step {statement.StepNumber}  {Sql.OneLine(statement.Sql)}{where}{skipped}{attempts}", Style.Dim);
            }

            foreach (var backfill in report.Backfills.Where(b => b.MigrationId == migration.Id))
            {
                output.Line($"      backfill of {backfill.Table}: {backfill.RowsUpdated} row(s) changed, {backfill.RowsWalked} walked, {backfill.Batches} batch(es)" +
                            (backfill.ResumedAfterBatch > 0 ? $" (resumed after batch {backfill.ResumedAfterBatch})" : string.Empty), Style.Dim);
            }
        }

        WriteVerification(output, report);
        WritePostDeployment(output, report, stopped);
        output.Document["applied"] = new JsonArray([.. report.AppliedMigrations.Select(id => (JsonNode)id)]);
        output.Document["reverted"] = new JsonArray([.. report.RevertedMigrations.Select(id => (JsonNode)id)]);
        output.Document["durationMs"] = Durations.Milliseconds(report.Duration);
        output.Document["lockWaitMs"] = Durations.Milliseconds(report.LockWait);
        output.Document["retries"] = report.Retries;
        output.Document["problems"] = ProblemRendering.ToJson(report.Problems);
        output.Document["backfills"] = new JsonArray([.. report.Backfills.Select(b => (JsonNode)new JsonObject
        {
            ["migration"] = b.MigrationId,
            ["step"] = b.Step,
            ["table"] = b.Table,
            ["rowsUpdated"] = b.RowsUpdated,
            ["rowsWalked"] = b.RowsWalked,
            ["batches"] = b.Batches,
            ["durationMs"] = Durations.Milliseconds(b.Duration),
            ["resumedAfterBatch"] = b.ResumedAfterBatch,
        })]);
        output.Document["migrations"] = new JsonArray([.. report.Migrations.Select(m => (JsonNode)new JsonObject
        {
            ["id"] = m.Id,
            ["direction"] = m.Direction.ToString().ToLowerInvariant(),
            ["status"] = m.Status.ToString().ToLowerInvariant(),
            ["durationMs"] = Durations.Milliseconds(m.Duration),
            ["resumedAfterStep"] = m.ResumedAfterStep,
            ["statements"] = new JsonArray([.. m.Statements.Select(s => (JsonNode)new JsonObject
            {
                ["step"] = s.StepNumber,
                ["sql"] = s.Sql,
                ["transactional"] = s.Transactional,
                ["durationMs"] = Durations.Milliseconds(s.Duration),
                ["attempts"] = s.Attempts,
                ["skipped"] = s.Skipped,
                ["rewrites"] = new JsonArray([.. s.Rewrites.Select(r => (JsonNode)r)]),
            })]),
        })]);
    }

    /// <summary>The post-deployment migrations that wait (or why they applied now).</summary>
    private static void WritePostDeployment(CommandOutput output, SafeMigrationReport report, bool stopped)
    {
        foreach (var id in report.DeferredMigrations)
        {
            output.Line(("  deferred ", Style.Warning), (id, Style.Plain), ("  (post-deployment)", Style.Dim));
        }

        if (report.PostDeploymentNote is { } note && !stopped)
        {
            output.Line(note, report.DeferredMigrations.Count > 0 ? Style.Warning : Style.Dim);
        }

        output.Document["deferred"] = new JsonArray([.. report.DeferredMigrations.Select(id => (JsonNode)id)]);
        output.Document["postDeployment"] = report.PostDeploymentNote;
    }

    /// <summary>The backup taken before applying and the post-run verification summary, when there are any.</summary>
    private static void WriteVerification(CommandOutput output, SafeMigrationReport report)
    {
        if (report.BackupFile is { } backup)
        {
            output.Line($"  backup before applying: {backup}", Style.Dim);
        }

        output.Document["backupFile"] = report.BackupFile;
        if (report.Verification is not { } verification)
        {
            return;
        }

        output.Line(("Verified: ", Style.Bold), (verification.ToString(), verification.Clean ? Style.Good : Style.Warning));
        output.Document["verification"] = new JsonObject
        {
            ["schemas"] = new JsonArray([.. verification.Schemas.Select(s => (JsonNode)s)]),
            ["tables"] = verification.Tables,
            ["indexes"] = verification.Indexes,
            ["invalidIndexes"] = new JsonArray([.. verification.InvalidIndexes.Select(i => (JsonNode)i)]),
            ["notValidConstraints"] = new JsonArray([.. verification.NotValidConstraints.Select(c => (JsonNode)c)]),
        };
    }
}
