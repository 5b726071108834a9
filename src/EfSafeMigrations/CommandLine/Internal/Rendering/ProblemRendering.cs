using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.Execution;

namespace EfSafeMigrations.CommandLine.Internal.Rendering;

/// <summary>Preflight problems (lint findings, journal problems): lines for people, an array for JSON, and the exit code they mean.</summary>
internal static class ProblemRendering
{
    public static void Write(CommandOutput output, IReadOnlyList<PreflightProblem> problems)
    {
        foreach (var problem in problems)
        {
            var (label, style) = problem.Severity switch
            {
                PreflightSeverity.Error => ("error  ", Style.Bad),
                PreflightSeverity.Warning => ("warning", Style.Warning),
                _ => ("info   ", Style.Dim),
            };
            output.Line(("  " + label + " ", style), (problem.Code + " ", Style.Bold),
                (problem.MigrationId is null ? string.Empty : problem.MigrationId + ": ", Style.Accent), (problem.Message, Style.Plain));
            if (!string.IsNullOrWhiteSpace(problem.Fix))
            {
                output.Line("            fix: " + problem.Fix, Style.Dim);
            }
        }
    }

    public static JsonArray ToJson(IEnumerable<PreflightProblem> problems)
        => new([.. problems.Select(p => (JsonNode)new JsonObject
        {
            ["check"] = p.Check,
            ["severity"] = p.Severity.ToString().ToLowerInvariant(),
            ["code"] = p.Code,
            ["migrationId"] = p.MigrationId,
            ["message"] = p.Message,
            ["fix"] = p.Fix,
        })]);

    /// <summary>The exit code error-severity problems stand for: journal problems first (they make every other result unreliable), then lint errors.</summary>
    public static SafeMigrationsExitCode? ExitCodeFor(IEnumerable<PreflightProblem> problems)
    {
        var errors = problems.Where(p => p.Severity == PreflightSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return null;
        }

        if (errors.Any(p => p.Check.Contains("journal", StringComparison.OrdinalIgnoreCase)))
        {
            return SafeMigrationsExitCode.JournalProblem;
        }

        return errors.Any(p => p.Check.Contains("lint", StringComparison.OrdinalIgnoreCase))
            ? SafeMigrationsExitCode.LintErrors
            : SafeMigrationsExitCode.MigrationFailed;
    }
}
