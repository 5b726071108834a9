using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Output.Ci;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using EfSafeMigrations.Linting.Baseline;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>lint [--all]</c>: the danger rules over the pending (or all) migrations.</summary>
internal sealed class LintCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["lint"],
        "Check migrations against the danger rules; exits 3 when one would stop 'migrate'.",
        "Lints the migrations not yet applied to the database (what 'migrate' would check), or with --all every\n" +
        "migration of the app, without connecting. Each finding names the migration, the operation, the rule, why it\n" +
        "is dangerous and the safe alternative. Open errors block 'migrate'; operations EfSafeMigrations rewrites into\n" +
        "their safe form and operations a migration assures with [SafetyAssured(\"ESMxxxx\", Reason = ...)] are listed\n" +
        "but never block.",
        [new("all", null, "Lint every migration, not only the pending ones (no database needed)."), OutputFormats.Option],
        []);

    public bool NeedsDatabase => false; // --all needs none; the pending form probes the server itself.

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, _) = invocation;
        LintReport report;
        if (arguments.Has("all"))
        {
            report = context.Database.LintMigrations();
        }
        else
        {
            await ServerConnection.ProbeAsync(context, cancellationToken).ConfigureAwait(false);
            report = await context.Database.LintPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        }

        var blocking = report.BlockingFindings;
        output.Heading($"Lint: {report.MigrationIds.Count} {(arguments.Has("all") ? string.Empty : "pending ")}migration(s)" +
                       (report.PostgresVersion is { } version ? $", PostgreSQL {version}" : string.Empty));
        if (AssemblyBaseline.Of(context) is { } baseline)
        {
            output.Line($"  Migrations at or before the adoption baseline {baseline} are not linted (docs/adopting.md).", Style.Dim);
            output.Document["baseline"] = baseline.Id;
        }

        foreach (var error in report.AssuranceErrors)
        {
            output.Line(("  " + "error".PadRight(10), Style.Bad), ("invalid assurance: " + error, Style.Plain));
        }

        foreach (var finding in blocking.Concat(report.Warnings))
        {
            var label = finding.Severity.ToString().ToLowerInvariant().PadRight(10);
            output.Line(("  " + label, finding.IsBlocking ? Style.Bad : Style.Warning), (finding.RuleId + " ", Style.Bold), (finding.MigrationId, Style.Accent),
                ($" ({finding.Operation}): {finding.Message}", Style.Plain));
            output.Line("            why: " + finding.Why, Style.Dim);
            output.Line("            safe alternative: " + finding.SafeAlternative, Style.Dim);
            if (finding.IsBlocking)
            {
                output.Line("            if it is safe here: " + finding.HowToAssure, Style.Dim);
            }
        }

        foreach (var finding in report.Rewrites)
        {
            output.Line(("  " + "rewritten".PadRight(10), Style.Good), (finding.RuleId + " ", Style.Bold), (finding.MigrationId, Style.Accent),
                ($" ({finding.Operation}): the safe form runs instead.", Style.Plain));
        }

        foreach (var finding in report.Assured)
        {
            output.Line(("  " + "assured".PadRight(10), Style.Good), (finding.RuleId + " ", Style.Bold), (finding.MigrationId, Style.Accent),
                ($" ({finding.Operation}): {finding.AssuranceReason}", Style.Plain));
        }

        output.Line();
        // Informational findings (ESM0046 checked by the data preflight, ESM0052) are listed, but are no warnings.
        var warnings = report.Warnings.Count(f => f.Severity == RuleSeverity.Warning);
        var infos = report.Warnings.Count - warnings;
        output.Line($"{blocking.Count + report.AssuranceErrors.Count} error(s), {warnings} warning(s), " + (infos > 0 ? $"{infos} info, " : string.Empty) +
                    $"{report.Rewrites.Count} rewritten, {report.Assured.Count} assured." + (report.IsBlocking ? " 'migrate' would refuse these migrations." : string.Empty),
            report.IsBlocking ? Style.Bad : warnings > 0 ? Style.Warning : Style.Good);

        if (output.Ci != CiFormat.None)
        {
            AddCiFindings(output, report);
        }

        output.Document["migrations"] = new JsonArray([.. report.MigrationIds.Select(id => (JsonNode)id)]);
        output.Document["postgresVersion"] = report.PostgresVersion;
        output.Document["blocking"] = report.IsBlocking;
        output.Document["errors"] = blocking.Count + report.AssuranceErrors.Count;
        output.Document["warnings"] = warnings;
        output.Document["infos"] = infos;
        output.Document["assuranceErrors"] = new JsonArray([.. report.AssuranceErrors.Select(e => (JsonNode)e)]);
        output.Document["findings"] = new JsonArray([.. report.Findings.Select(f => (JsonNode)new JsonObject
        {
            ["ruleId"] = f.RuleId,
            ["title"] = f.Rule.Title,
            ["severity"] = f.Severity.ToString().ToLowerInvariant(),
            ["status"] = f.Status.ToString().ToLowerInvariant(),
            ["blocking"] = f.IsBlocking,
            ["migrationId"] = f.MigrationId,
            ["operationIndex"] = f.OperationIndex,
            ["operation"] = f.Operation,
            ["message"] = f.Message,
            ["why"] = f.Why,
            ["safeAlternative"] = f.SafeAlternative,
            ["assuranceReason"] = f.AssuranceReason,
            ["helpLink"] = f.Rule.HelpLink,
        })]);
        return report.IsBlocking ? SafeMigrationsExitCode.LintErrors : SafeMigrationsExitCode.Success;
    }

    /// <summary>Open findings and invalid assurances, located in the migration's source when it is found.</summary>
    private static void AddCiFindings(CommandOutput output, LintReport report)
    {
        var locator = new MigrationSourceLocator(Directory.GetCurrentDirectory());
        foreach (var error in report.AssuranceErrors)
        {
            output.CiFindings.Add(new CiFinding("SafetyAssured", "Invalid [SafetyAssured] attribute", "error", error, null, null));
        }

        foreach (var f in report.Findings.Where(f => f.Status == FindingStatus.Open))
        {
            var level = f.IsBlocking ? "error" : f.Severity == RuleSeverity.Warning ? "warning" : "note";
            var message = $"{f.MigrationId} ({f.Operation}): {f.Message}. Safe alternative: {f.SafeAlternative}" +
                          (f.IsBlocking ? $" If it is safe here: {f.HowToAssure}." : string.Empty);
            output.CiFindings.Add(new CiFinding(f.RuleId, f.Rule.Title, level, message, $"{f.Why} {f.SafeAlternative} ({f.Rule.HelpLink})",
                locator.Find(f.MigrationId, f.OperationIndex)));
        }
    }
}
