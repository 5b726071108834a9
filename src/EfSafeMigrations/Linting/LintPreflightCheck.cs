using EfSafeMigrations.Execution;
using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Linting.Baseline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Linting;

/// <summary>
/// The lint gate of <c>MigrateSafelyAsync</c>: lints the pending migrations before anything runs. Open findings of
/// error severity and invalid <c>[SafetyAssured]</c> attributes are errors (the run stops with nothing applied);
/// warnings, rewrites and assured findings are reported and the run goes on.
/// </summary>
internal sealed class LintPreflightCheck : IMigrationPreflightCheck
{
    public const string CheckName = "lint";

    /// <summary>The code of an invalid <c>[SafetyAssured]</c> attribute.</summary>
    public const string InvalidAssuranceCode = "SafetyAssured";

    /// <summary>The code of the note that baselined migrations were skipped.</summary>
    public const string BaselinedCode = "Baselined";

    public async Task<IReadOnlyList<PreflightProblem>> RunAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options.Lint;
        if (!options.Enabled || context.PendingMigrations.Count == 0)
        {
            return [];
        }

        // Migrations at or before the adoption baseline are history the project accepted when it adopted the package
        // (a fresh install or a database behind replays them): the analyzer skips them, so does the gate.
        var baseline = AssemblyBaseline.Of(context.Context);
        var toLint = context.PendingMigrations.Where(m => baseline is null || !baseline.Covers(m.Id)).ToList();
        var problems = new List<PreflightProblem>();
        if (toLint.Count < context.PendingMigrations.Count)
        {
            problems.Add(new PreflightProblem(CheckName, PreflightSeverity.Info, BaselinedCode, null,
                $"{context.PendingMigrations.Count - toLint.Count} pending migration(s) at or before the adoption baseline {baseline} were not linted.",
                "Nothing to do: they were part of the project before EfSafeMigrations was adopted (EfSafeMigrationsBaseline, docs/adopting.md)."));
        }

        if (toLint.Count == 0)
        {
            return problems;
        }

        var version = await PostgresVersionSource.ResolveAsync(context.Context, options, cancellationToken);

        // The pending migrations run in order in this run: what an earlier one creates is new for the later ones
        // (a fresh install creates every table it alters, renames or drops).
        var tablesBeforeRun = await TablesBeforeRun.ReadAsync(
            context.Context, toLint.SelectMany(m => TablesBeforeRun.SchemasNamedBy(m.Migration.UpOperations)), cancellationToken);
        var settings = LintSettings.For(context.Options, version, appliedByMigrateSafely: true) with
        {
            TablesBeforeRun = tablesBeforeRun,
            RetiredColumns = RetiredColumns.WhenDropping(
                toLint.SelectMany(m => m.Migration.UpOperations), context.Context.GetService<IMigrationsAssembly>(), context.Context.Database.ProviderName),
        };
        LintReport Lint() => MigrationLinter.Lint(
            toLint.Select(m => new MigrationToLint(m.Id, m.Migration.UpOperations, m.Migration.GetType(), DownOperations.Of(m.Migration))), settings);

        // Many targets of one run (tenants) with the same pending migrations and starting tables share one lint.
        var report = SharedLint.Current?.GetOrLint(toLint.Select(m => m.Id), settings, Lint) ?? Lint();
        problems.AddRange(ToProblems(report));
        return problems;
    }

    public static IReadOnlyList<PreflightProblem> ToProblems(LintReport report)
    {
        var problems = new List<PreflightProblem>();
        foreach (var error in report.AssuranceErrors)
        {
            problems.Add(new PreflightProblem(CheckName, PreflightSeverity.Error, InvalidAssuranceCode, null, error,
                "Fix the [SafetyAssured] attribute: a rule id from docs/rules/ and a non-empty Reason."));
        }

        // Rewrites are not problems (MigrateSafelyAsync's own report lists them), unless one can fail on unchecked rows.
        foreach (var finding in report.Findings.Where(f => f.Status != FindingStatus.Rewritten || f.Severity == RuleSeverity.Warning))
        {
            problems.Add(new PreflightProblem(
                CheckName,
                finding.IsBlocking ? PreflightSeverity.Error
                    : finding.Severity == RuleSeverity.Warning && finding.Status != FindingStatus.Assured ? PreflightSeverity.Warning
                    : PreflightSeverity.Info,
                finding.RuleId,
                finding.MigrationId,
                $"{finding.ToString()} {finding.Rule.Title}: {finding.Why}",
                finding.IsBlocking
                    ? $"{finding.SafeAlternative} If the operation is safe here, add {finding.HowToAssure}."
                    : finding.SafeAlternative));
        }

        return problems;
    }
}
