using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// The common start-up, nothing pending, without the migration lock's second connection and round trips:
/// the history is read, the journal verified (file and database checksums of every applied migration) and,
/// only if that leaves nothing to do and nothing to write, the run ends. Anything else returns
/// <see langword="false"/> and the caller takes the full path under the lock, which reads and verifies again.
/// </summary>
/// <remarks>
/// Why skipping the lock is safe here (docs/execution.md, "Nothing pending"):
/// <list type="bullet">
/// <item>This path writes nothing (checks run read-only; journal adoption sends the run to the locked path), so it
/// cannot double-apply or race a writer: the lock serialises writers, and there is none here.</item>
/// <item>It cannot skip a migration: "applied" means a committed <c>__EFMigrationsHistory</c> row, and both EF and
/// the safe executor insert that row in the same transaction as the migration's last step (the journal's
/// "applied" with it). A migration another process is applying right now has no row yet, so it is pending
/// to us, and pending always takes the locked path, which waits for that process and re-reads.</item>
/// <item>History and journal are read by separate statements, so another process may commit in between. An apply
/// in between only adds journal rows for ids this run does not consider applied (verification ignores them);
/// a revert in between leaves an applied id without a journal row, which verification reports as adoption,
/// which sends the run to the locked path. A revert after both reads makes this run end as if it had run just
/// before that revert, which is also what the lock would have allowed.</item>
/// <item>Verification errors also go to the locked path, so the error reported is the one seen under the lock.</item>
/// <item>Custom preflight checks were promised the lock, and EF runs seeding under its lock: with either, no fast path.</item>
/// </list>
/// </remarks>
internal static class NoPendingFastPath
{
    public static bool Applies(IDbContextOptions contextOptions, PreflightRunner preflight)
    {
        var core = contextOptions.FindExtension<CoreOptionsExtension>();
        return core?.AsyncSeeder is null && core?.Seeder is null && preflight.OnlyBuiltInChecks;
    }

    public static async Task<bool> TryAsync(
        DbContext context, SafeMigrator safeMigrator, IHistoryRepository historyRepository, PreflightRunner preflight, MigrateSafelyOptions call,
        SafeMigrationsOptions options, SafeMigrationReport report, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseCreation.IsMissingDatabase(exception))
        {
            return false; // The locked path creates it, as Migrate() does.
        }

        try
        {
            // No history rows: a first start-up (or a database still to create), which the locked path handles.
            var applied = (await historyRepository.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false))
                .Select(r => r.MigrationId).ToList();
            if (applied.Count == 0)
            {
                return false;
            }

            // Deferred post-deployment migrations leave nothing to do: they are reported, and the run ends here.
            var (toApply, toRevert, _) = MigrationPlanBuilder.SelectPhase(safeMigrator, applied, call, options, report);
            if (toApply.Count > 0 || toRevert.Count > 0)
            {
                return false;
            }

            // Logged only once the outcome is final: a fallback logs what it finds under the lock.
            var scratch = new SafeMigrationReport();
            await preflight.RunAsync([], applied, call.TargetMigration, options, scratch, NullLogger.Instance, throwOnError: false, readOnly: true, cancellationToken)
                .ConfigureAwait(false);
            if (scratch.ProblemList.Any(p => p.Severity == PreflightSeverity.Error || p.Code == JournalProblemCodes.Adopted))
            {
                return false;
            }

            foreach (var problem in scratch.ProblemList)
            {
                MigrationLog.PreflightProblem(logger, problem.Check, problem.Code, problem.Message, null);
            }

            report.ProblemList.AddRange(scratch.ProblemList);
            report.Plan = new MigrationPlan([]);
            MigrationLog.Planned(logger, 0, 0, null);
            return true;
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
