using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>ESM0036, ESM0037: seed rows deleted or overwritten by <c>DeleteData</c> / <c>UpdateData</c>.</summary>
internal sealed class SeedDataChecks : MigrationCheck
{
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(RuleCatalog.SeedDataDelete, RuleCatalog.SeedDataUpdate);

    public override void Analyze(MigrationMethod method)
    {
        foreach (var call in method.Calls)
        {
            var rule = call.Name switch
            {
                "DeleteData" => RuleCatalog.SeedDataDelete,
                "UpdateData" => RuleCatalog.SeedDataUpdate,
                _ => null,
            };
            if (rule is not null)
            {
                method.Report(rule, call, escalate: false, call.TableDisplay, Rows(call));
            }
        }
    }

    /// <summary>How many rows the call names: one per key value (one key column), one per row of a 2-D array.</summary>
    private static string Rows(MigrationBuilderCall call)
    {
        var keyValues = call.Argument("keyValues")?.Value;
        if (Arguments.RowsOf2D(keyValues) is int rows)
        {
            return rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (call.Argument("keyColumn") is not null && Arguments.ArrayElements(keyValues) is { } values)
        {
            return values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return call.Argument("keyValue") is not null || call.Argument("keyColumns") is not null ? "1" : "?";
    }
}
