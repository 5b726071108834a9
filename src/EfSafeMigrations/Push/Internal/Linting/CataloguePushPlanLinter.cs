using EfSafeMigrations.Infrastructure.Internal;
using EfSafeMigrations.Linting;
using EfSafeMigrations.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Push.Internal.Linting;

/// <summary>
/// Lints a push plan with <see cref="MigrationLinter"/>: each step is handed over as the raw SQL it is (push writes
/// SQL, not EF operations), as one migration named <c>push</c>, with the context's lint options. The executor
/// sets lock_timeout on every statement, and push's SQL is not rewritten by the safe generator. Mixing
/// non-transactional steps with others is push's design (enum values, then one transaction, then concurrent
/// builds; a re-run finishes what a failed one left), so that rule (ESM0038) and its statement-level twin (ESM0047) stay
/// silent here. Informational findings (ESM0052's integer columns) are not push warnings.
/// </summary>
internal sealed class CataloguePushPlanLinter : IPushPlanLinter
{
    public IEnumerable<string> Lint(DbContext context, IReadOnlyList<PushStep> steps, int serverMajorVersion)
    {
        if (steps.Count == 0)
        {
            return [];
        }

        var options = context.GetService<IDbContextOptions>().FindExtension<SafeMigrationsOptionsExtension>()?.Options.Lint ?? new LintOptions();
        var operations = steps
            .Select(s => (MigrationOperation)new SqlOperation { Sql = s.Sql, SuppressTransaction = s.RunsOutsideTransaction })
            .ToList();
        var settings = new LintSettings(options, serverMajorVersion, RewritePolicy.None, ExecutorSetsLockTimeout: true, SafeSqlGenerator: false);
        var report = MigrationLinter.Lint([new MigrationToLint("push", operations)], settings);
        return report.Findings
            .Where(f => f.Status == FindingStatus.Open && f.Severity > RuleSeverity.Info
                        && f.Rule != RuleCatalog.MixedTransactionalSteps && f.Rule != RuleCatalog.NonIdempotentNonTransactionalStep)
            .Select(f => $"{f.RuleId} {f.Rule.Title}: {f.Message} (step {f.OperationIndex + 1}, {steps[f.OperationIndex].Target}: {SqlSummary.OneLine(steps[f.OperationIndex].Sql, 100)})");
    }
}
