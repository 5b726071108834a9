using EfSafeMigrations.Infrastructure.Internal;
using EfSafeMigrations.Journal.Verification;
using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Runs every registered <see cref="IMigrationPreflightCheck"/> (lint gate, journal verification) before anything
/// is executed; their problems go into the report, and any Error stops the run with nothing applied.
/// </summary>
internal sealed class PreflightRunner(
    ICurrentDbContext currentContext, IMigrationsAssembly migrationsAssembly, IEnumerable<IMigrationPreflightCheck> preflightChecks)
{
    /// <summary>
    /// Whether every registered check is one of the library's own (lint gate, journal verification, pending model changes, data preflight, backfill keys, expansions), whose behaviour
    /// without the lock is reasoned out in <see cref="NoPendingFastPath"/>; a custom check was promised the lock.
    /// </summary>
    public bool OnlyBuiltInChecks => preflightChecks.All(c => c is LintPreflightCheck or JournalPreflightCheck or PendingModelChangesCheck
        or DataPreflight.DataPreflightCheck or Backfill.Internal.BackfillPreflightCheck or ExpandContract.Internal.ExpansionPreflightCheck);

    public Task RunAsync(
        IReadOnlyList<PlanItem> plan, IReadOnlyList<string> applied, string? targetMigration, SafeMigrationsOptions options, SafeMigrationReport report,
        ILogger logger, bool throwOnError, CancellationToken cancellationToken)
        => RunAsync(plan, applied, targetMigration, options, report, logger, throwOnError, readOnly: !throwOnError, cancellationToken);

    /// <param name="readOnly">Checks must write nothing (a dry run, or a run without the lock): journal adoption is only reported.</param>
    public async Task RunAsync(
        IReadOnlyList<PlanItem> plan, IReadOnlyList<string> applied, string? targetMigration, SafeMigrationsOptions options, SafeMigrationReport report,
        ILogger logger, bool throwOnError, bool readOnly, CancellationToken cancellationToken)
    {
        var checks = preflightChecks.ToList();
        if (checks.Count == 0)
        {
            return;
        }

        var context = currentContext.Context;
        var all = migrationsAssembly.Migrations
            .Select(m => (m.Key, migrationsAssembly.CreateMigration(m.Value, context.Database.ProviderName!)))
            .ToList();
        var pending = plan.Where(p => p.Planned.Direction == MigrationDirection.Up).Select(p => (p.Planned.Id, p.Migration)).ToList();
        var preflight = new PreflightContext(context, options, all, applied, pending) { DryRun = readOnly, TargetMigration = targetMigration };
        foreach (var check in checks)
        {
            var problems = await check.RunAsync(preflight, cancellationToken).ConfigureAwait(false);
            foreach (var problem in problems)
            {
                MigrationLog.PreflightProblem(logger, problem.Check, problem.Code, problem.Message, null);
            }

            report.ProblemList.AddRange(problems);
        }

        var errors = report.ProblemList.Where(p => p.Severity == PreflightSeverity.Error).ToList();
        if (throwOnError && errors.Count > 0)
        {
            throw new SafeMigrationException(PreflightErrorMessage.For(errors), report);
        }
    }
}
