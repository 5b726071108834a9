using System.Text.Json.Nodes;

namespace EfSafeMigrations.CommandLine.Internal.Rendering;

/// <summary>A <see cref="MigrationPlan"/> as JSON: migrations, steps (transactional or not), statements with their timeouts and rewrites.</summary>
internal static class PlanRendering
{
    public static JsonArray ToJson(MigrationPlan plan)
        => new([.. plan.Migrations.Select(m => (JsonNode)new JsonObject
        {
            ["id"] = m.Id,
            ["direction"] = m.Direction.ToString().ToLowerInvariant(),
            ["checksum"] = m.Checksum,
            ["stepsAlreadyCompleted"] = m.StepsAlreadyCompleted,
            ["steps"] = new JsonArray([.. m.Steps.Select(s => (JsonNode)new JsonObject
            {
                ["number"] = s.Number,
                ["transactional"] = s.Transactional,
                ["statements"] = new JsonArray([.. s.Statements.Select(st => (JsonNode)new JsonObject
                {
                    ["sql"] = st.Sql,
                    ["kind"] = st.Kind.ToString(),
                    ["lockTimeoutMs"] = st.LockTimeout is { } l ? Durations.Milliseconds(l) : null,
                    ["statementTimeoutMs"] = st.StatementTimeout is { } t ? Durations.Milliseconds(t) : null,
                    ["rewrites"] = new JsonArray([.. st.Rewrites.Select(r => (JsonNode)r)]),
                })]),
            })]),
        })]);

    public static int StepCount(MigrationPlan plan) => plan.Migrations.Sum(m => m.Steps.Count - m.StepsAlreadyCompleted);

    public static int OutsideTransactionCount(MigrationPlan plan)
        => plan.Migrations.Sum(m => m.Steps.Skip(m.StepsAlreadyCompleted).Count(s => !s.Transactional));
}
