using System.Text.Json.Nodes;

namespace EfSafeMigrations.CommandLine.Internal.Output.Ci;

/// <summary>
/// A SARIF 2.1.0 log (OASIS SARIF v2.1.0): one run, the tool's rules that fired, one result per finding.
/// File locations are relative to <c>%SRCROOT%</c>, the directory the command ran in (the repository root in CI).
/// </summary>
internal static class SarifLog
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <param name="failure">What stopped the command, reported as the invocation's error notification.</param>
    public static JsonObject Build(IReadOnlyList<CiFinding> findings, string? failure = null)
    {
        var rules = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).Select(g => g.First()).OrderBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((f, i) => (f.RuleId, i)).ToDictionary(p => p.RuleId, p => p.i, StringComparer.Ordinal);
        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "EfSafeMigrations",
                        ["version"] = typeof(SarifLog).Assembly.GetName().Version?.ToString() ?? "0.0.0",
                        ["rules"] = new JsonArray([.. rules.Select(Rule)]),
                    },
                },
                ["originalUriBaseIds"] = new JsonObject
                {
                    ["%SRCROOT%"] = new JsonObject { ["uri"] = new Uri(AppendSlash(Directory.GetCurrentDirectory())).AbsoluteUri },
                },
                ["invocations"] = new JsonArray(Invocation(failure)),
                ["results"] = new JsonArray([.. findings.Select(f => Result(f, ruleIndex[f.RuleId]))]),
            }),
        };
    }

    private static JsonObject Invocation(string? failure)
    {
        var invocation = new JsonObject { ["executionSuccessful"] = failure is null };
        if (failure is not null)
        {
            invocation["toolExecutionNotifications"] = new JsonArray(new JsonObject
            {
                ["level"] = "error",
                ["message"] = new JsonObject { ["text"] = failure },
            });
        }

        return invocation;
    }

    private static JsonNode Rule(CiFinding f)
    {
        var rule = new JsonObject
        {
            ["id"] = f.RuleId,
            ["name"] = f.RuleId,
            ["shortDescription"] = new JsonObject { ["text"] = f.Title },
            ["defaultConfiguration"] = new JsonObject { ["level"] = f.Level },
        };
        if (f.Help is not null)
        {
            rule["help"] = new JsonObject { ["text"] = f.Help };
        }

        return rule;
    }

    private static JsonNode Result(CiFinding f, int ruleIndex)
    {
        var result = new JsonObject
        {
            ["ruleId"] = f.RuleId,
            ["ruleIndex"] = ruleIndex,
            ["level"] = f.Level,
            ["message"] = new JsonObject { ["text"] = f.Message },
        };
        if (f.Location is { } location)
        {
            result["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = location.File, ["uriBaseId"] = "%SRCROOT%" },
                    ["region"] = new JsonObject { ["startLine"] = location.Line },
                },
            });
        }

        return result;
    }

    private static string AppendSlash(string path) => path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;
}
