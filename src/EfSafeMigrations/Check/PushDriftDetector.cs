using System.Text;
using EfSafeMigrations.Push.Internal;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Check;

/// <summary>
/// Drift through the push engine: the plan that would bring the live database to the model, read from a
/// throwaway shadow database built from the model (so every object kind push knows is compared: tables,
/// columns, defaults, constraints, indexes, sequences, enums). Each step is one finding. Null when no shadow
/// database can be made; the caller then falls back to <see cref="DriftDetector"/>.
/// </summary>
internal static class PushDriftDetector
{
    public static async Task<(IReadOnlyList<CheckFinding>? Findings, string? WhyNot)> CompareAsync(
        DbContext context, string? shadowConnectionString, CancellationToken cancellationToken)
    {
        PushPlan plan;
        try
        {
            plan = await PushEngine.Default.PlanAsync(context, new PushOptions { ShadowConnectionString = shadowConnectionString }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            return (null, e.Message);
        }

        var findings = new List<CheckFinding>();
        foreach (var step in plan.Steps)
        {
            findings.Add(new CheckFinding(CheckOutcome.DatabaseDrift, "DRIFT_" + ScreamingSnake(step.Kind.ToString()), CheckSeverity.Error, step.Target,
                $"{step.Target} differs from the model; to match it the database would need: {step.Sql.Trim()}",
                Fix));
        }

        foreach (var problem in plan.Problems)
        {
            findings.Add(new CheckFinding(CheckOutcome.DatabaseDrift, "DRIFT_OTHER", CheckSeverity.Error, null, problem, Fix));
        }

        return (findings, null);
    }

    private const string Fix =
        "Find who changed the database outside migrations; then either add a migration that makes the model match, or revert the manual change";

    private static string ScreamingSnake(string pascal)
    {
        var text = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(c));
        }

        return text.ToString();
    }
}
