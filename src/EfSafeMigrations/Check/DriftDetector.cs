using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EfSafeMigrations.Check;

/// <summary>
/// Compares the model's tables and columns (types and nullability) with the live database. A first
/// cut until the push diff engine can be reused: constraints, indexes and defaults are not compared.
/// </summary>
internal static partial class DriftDetector
{
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "__EFMigrationsHistory", "__EfSafeMigrationsJournal", Backfill.Internal.BackfillCheckpoints.Name };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["int"] = "integer", ["int4"] = "integer", ["int2"] = "smallint", ["int8"] = "bigint",
        ["serial"] = "integer", ["bigserial"] = "bigint", ["smallserial"] = "smallint",
        ["float8"] = "double precision", ["float4"] = "real", ["bool"] = "boolean",
        ["varchar"] = "character varying", ["char"] = "character", ["bpchar"] = "character", ["decimal"] = "numeric",
        ["timestamptz"] = "timestamp with time zone", ["timestamp"] = "timestamp without time zone",
        ["timetz"] = "time with time zone", ["time"] = "time without time zone",
    };

    /// <param name="model">The model's relational tables.</param>
    /// <param name="liveTables">The tables the database has.</param>
    /// <param name="liveColumns">Their columns.</param>
    /// <param name="unqualifiedSchema">Where the model's tables without a schema live: <c>public</c>, or a tenant's search path schema.</param>
    public static IEnumerable<CheckFinding> Compare(
        IRelationalModel model, IReadOnlySet<(string Schema, string Table)> liveTables, IReadOnlyList<LiveColumn> liveColumns, string unqualifiedSchema = "public")
    {
        var live = liveColumns.ToLookup(c => (c.Schema, c.Table));
        var modelTables = model.Tables.Where(t => !Bookkeeping.Contains(t.Name)).ToList();
        var expected = new HashSet<(string, string)>();
        foreach (var table in modelTables)
        {
            var key = (table.Schema ?? unqualifiedSchema, table.Name);
            expected.Add(key);
            var display = $"{key.Item1}.{table.Name}";
            if (!liveTables.Contains(key))
            {
                yield return Drift("DRIFT_MISSING_TABLE", display, $"table {display} is in the model but not in the database");
                continue;
            }

            var columns = live[key].ToDictionary(c => c.Name, StringComparer.Ordinal);
            foreach (var column in table.Columns)
            {
                var name = $"{display}.{column.Name}";
                if (!columns.Remove(column.Name, out var liveColumn))
                {
                    yield return Drift("DRIFT_MISSING_COLUMN", name, $"column {name} is in the model but not in the database");
                    continue;
                }

                if (Normalize(column.StoreType) != Normalize(liveColumn.StoreType))
                {
                    yield return Drift("DRIFT_COLUMN_TYPE", name, $"column {name} is {liveColumn.StoreType} in the database but {column.StoreType} in the model");
                }

                if (column.IsNullable != liveColumn.IsNullable)
                {
                    yield return Drift("DRIFT_COLUMN_NULLABILITY", name,
                        $"column {name} is {(liveColumn.IsNullable ? "NULL" : "NOT NULL")} in the database but {(column.IsNullable ? "NULL" : "NOT NULL")} in the model");
                }
            }

            foreach (var extra in columns.Values)
            {
                yield return Drift("DRIFT_EXTRA_COLUMN", $"{display}.{extra.Name}", $"column {display}.{extra.Name} is in the database but not in the model");
            }
        }

        foreach (var (schema, name) in liveTables.Where(t => !expected.Contains(t) && !Bookkeeping.Contains(t.Table)).Order())
        {
            yield return Drift("DRIFT_EXTRA_TABLE", $"{schema}.{name}", $"table {schema}.{name} is in the database but not in the model");
        }
    }

    private static CheckFinding Drift(string code, string subject, string message)
        => new(CheckOutcome.DatabaseDrift, code, CheckSeverity.Error, subject, message,
            "Find who changed the database outside migrations; then either add a migration that makes the model match, or revert the manual change");

    /// <summary>Lower case, single spaces, PostgreSQL's canonical names for the usual aliases (<c>varchar(20)</c> is <c>character varying(20)</c>).</summary>
    internal static string Normalize(string storeType)
    {
        var type = Spaces().Replace(storeType.Trim().ToLowerInvariant(), " ");
        var match = TypeParts().Match(type);
        if (!match.Success)
        {
            return type;
        }

        var baseName = match.Groups["name"].Value;
        var rest = match.Groups["rest"].Value;
        var canonical = rest.Contains("time zone", StringComparison.Ordinal) ? baseName : Aliases.GetValueOrDefault(baseName, baseName);
        return canonical + match.Groups["args"].Value.Replace(" ", "", StringComparison.Ordinal) + rest;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<name>[a-z_][a-z0-9_ ]*?)\s*(?<args>\([^)]*\))?(?<rest>( with(out)? time zone)?(\[\])*)$")]
    private static partial Regex TypeParts();
}
