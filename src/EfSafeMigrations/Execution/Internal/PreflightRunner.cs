using EfSafeMigrations.Infrastructure.Internal;
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
    public async Task RunAsync(
        IReadOnlyList<PlanItem> plan, IReadOnlyList<string> applied, SafeMigrationsOptions options, SafeMigrationReport report, ILogger logger,
        bool throwOnError, CancellationToken cancellationToken)
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
        // Only the dry run reports instead of throwing; it must also write nothing (journal adoption).
        var preflight = new PreflightContext(context, options, all, applied, pending) { DryRun = !throwOnError };
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
            throw new SafeMigrationException(
                $"Preflight checks found {errors.Count} error(s); nothing was applied. " +
                string.Join(" ", errors.Select(e => $"[{e.Check} {e.Code}{(e.MigrationId is null ? string.Empty : " " + e.MigrationId)}] {e.Message} Fix: {e.Fix}")),
                report);
        }
    }
}
