using System.Text;
using EfSafeMigrations.Infrastructure.Internal;
using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EfSafeMigrations.Design.Internal;

/// <summary>
/// Prints the lint findings of a migration <c>dotnet ef migrations add</c> has just scaffolded, each with why it is
/// dangerous and its safe alternative. Never fails the scaffold: errors say they will be refused at start-up
/// unless assured, and how to assure them.
/// </summary>
internal sealed class LintScaffoldingHook(ICurrentDbContext currentContext) : IMigrationScaffoldingHook
{
    public void Scaffolded(ScaffoldingEvent scaffolding)
    {
        var context = currentContext.Context;
        // Without UseSafeMigrations the migration will be applied as written by plain EF: lint it as such.
        var options = context.GetService<IDbContextOptions>().FindExtension<SafeMigrationsOptionsExtension>()?.Options;
        if (options is { Lint.Enabled: false })
        {
            return;
        }

        var migrationId = scaffolding.Migration.MigrationId;
        var report = MigrationLinter.Lint(
            [new MigrationToLint(migrationId, scaffolding.UpOperations, DownOperations: scaffolding.DownOperations)],
            LintSettings.ForContext(options, PostgresVersionSource.Configured(context, options?.Lint ?? new LintOptions()), appliedByMigrateSafely: true) with
            {
                RetiredColumns = ExpandContract.Internal.RetiredColumns.WhenDropping(
                    scaffolding.UpOperations, scaffolding.Services.MigrationsAssembly, context.Database.ProviderName),
            });
        Print(report, scaffolding.Services.Reporter, migrationId);
    }

    internal static void Print(LintReport report, Microsoft.EntityFrameworkCore.Design.Internal.IOperationReporter reporter, string migrationId)
    {
        var open = report.Findings.Where(f => f.Status == FindingStatus.Open).ToList();
        foreach (var rewrite in report.Rewrites)
        {
            reporter.WriteInformation($"EfSafeMigrations: {rewrite}");
        }

        if (open.Count == 0)
        {
            return;
        }

        var blocking = open.Count(f => f.IsBlocking);
        reporter.WriteWarning(
            $"EfSafeMigrations: migration '{migrationId}' has {open.Count} dangerous operation(s)" +
            (blocking > 0 ? $"; {blocking} will be refused by MigrateSafelyAsync unless assured." : "."));
        foreach (var finding in open)
        {
            var text = new StringBuilder();
            LintReport.AppendFinding(text, finding);
            var message = text.ToString().Trim();
            if (finding.Severity == RuleSeverity.Info)
            {
                reporter.WriteInformation(message);
            }
            else
            {
                reporter.WriteWarning(message);
            }
        }
    }
}
