using System.Text;
using EfSafeMigrations.Push.Internal;
using EfSafeMigrations.Push.Internal.Shadow;
using EfSafeMigrations.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Check;

/// <summary>
/// Drift through the push engine: the plan that would bring the live database to the model, read from a
/// throwaway shadow database built from the model (so every object kind push knows is compared: tables,
/// columns, defaults, constraints, indexes, sequences, enums, collations). Null when no shadow database can be
/// made; the caller then falls back to <see cref="DriftDetector"/>.
/// <para>
/// A difference from the model is not always a change made outside migrations: EF's own migrations leave some
/// behind (the <c>defaultValue:</c> EF scaffolds for required columns, foreign key actions as first scaffolded).
/// So when the database differs from the model, the migrations are replayed in a second shadow database and the
/// database is compared with that too: a difference the replayed migrations also have was left by migrations
/// (information, explained); only one they do not have is drift. While post-deployment migrations wait, only the applied
/// migrations are replayed (<c>replayOnly</c>).
/// </para>
/// </summary>
internal static class PushDriftDetector
{
    public static async Task<(IReadOnlyList<CheckFinding>? Findings, string? WhyNot)> CompareAsync(
        DbContext context, string? shadowConnectionString, CancellationToken cancellationToken, IReadOnlySet<string>? replayOnly = null)
    {
        var options = new PushOptions { ShadowConnectionString = shadowConnectionString };
        PushPlan toModel;
        try
        {
            toModel = await PushEngine.Default.PlanAsync(context, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            return (null, e.Message);
        }

        if (toModel.IsEmpty)
        {
            return ([], null);
        }

        var findings = new List<CheckFinding>();
        Func<PushStep, bool> leftByMigrations;
        PushPlan? toMigrations = null;
        try
        {
            toMigrations = await PushEngine.Default.PlanAsync(context, options, cancellationToken,
                (c, model, live, shadow, excluded, ct) => MigratedSchemaBuilder.BuildAsync(c, model, live, shadow, excluded, ct, replayOnly)).ConfigureAwait(false);
            var outside = toMigrations.Steps.Select(s => (s.Kind, s.Target)).ToHashSet();
            leftByMigrations = step => !outside.Contains((step.Kind, step.Target));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A migration that cannot run on an empty database must not make check itself fail. Without the replay, at least the defaults EF's defaultValue: leaves are read from the operations.
            leftByMigrations = MigrationDefaults.Read(context).LeftBy;
            findings.Add(new CheckFinding(CheckOutcome.DatabaseDrift, "DRIFT_MIGRATIONS_NOT_REPLAYED", CheckSeverity.Info, null,
                "what the migrations build was read from their operations only (defaults EF's defaultValue: leaves); every other difference " +
                "from the model is reported as drift: " + e.Message,
                "Make the migrations replayable on an empty database (or point --shadow-connection at a role that may run them)"));
        }

        var leftOver = new List<PushStep>();
        foreach (var step in toModel.Steps)
        {
            if (leftByMigrations(step))
            {
                leftOver.Add(step);
                continue;
            }

            findings.Add(new CheckFinding(CheckOutcome.DatabaseDrift, "DRIFT_" + ScreamingSnake(step.Kind.ToString()), CheckSeverity.Error, step.Target,
                $"{step.Target} differs from the model{(toMigrations is null ? "" : " and from what the migrations build")}; " +
                $"to match the model the database would need: {OneLine(step.Sql)}",
                OutsideFix));
        }

        // One line per object: a foreign key's drop and re-add are one difference.
        findings.AddRange(leftOver.GroupBy(s => s.Target, StringComparer.Ordinal).Select(g => MigrationLeftovers.Explain(g.Key, [.. g])));

        foreach (var problem in toModel.Problems)
        {
            findings.Add(toMigrations is null || toMigrations.Problems.Contains(problem, StringComparer.Ordinal)
                ? new CheckFinding(CheckOutcome.DatabaseDrift, "DRIFT_OTHER", CheckSeverity.Error, null, problem, OutsideFix)
                : new CheckFinding(CheckOutcome.DatabaseDrift, MigrationLeftovers.Code, CheckSeverity.Info, null,
                    "left by the migrations (a database they build has it too): " + problem, MigrationLeftovers.Fix));
        }

        // Changed outside migrations, but to what the model says: a database built from the migrations still differs.
        var towardsModel = toModel.Steps.Select(s => (s.Kind, s.Target)).ToHashSet();
        foreach (var step in toMigrations?.Steps.Where(s => !towardsModel.Contains((s.Kind, s.Target))) ?? [])
        {
            findings.Add(new CheckFinding(CheckOutcome.DatabaseDrift, "DRIFT_MATCHES_MODEL", CheckSeverity.Warning, step.Target,
                $"{step.Target} was changed outside migrations, to what the model says; the migrations build it differently ({OneLine(step.Sql)})",
                "Nothing breaks today; add a migration that makes the same change so that databases built from the migrations match too"));
        }

        return (findings, null);
    }

    private const string OutsideFix =
        "Find who changed the database outside migrations; then either add a migration that makes the model match, or revert the manual change";

    private static string OneLine(string sql) => SqlSummary.OneLine(sql, 160);

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
