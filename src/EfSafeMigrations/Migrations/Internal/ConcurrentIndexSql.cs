using System.Text.RegularExpressions;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Reads the index name and schema out of a hand-written <c>CREATE [UNIQUE] INDEX CONCURRENTLY</c>, so that a
/// retry can drop the INVALID index a failed build of it leaves, as for generated builds. The index lives in
/// its table's schema; unquoted identifiers fold to lower case, as PostgreSQL folds them.
/// </summary>
internal static partial class ConcurrentIndexSql
{
    public static (string? Schema, string Name)? TryParse(string sql)
    {
        var match = CreateIndex().Match(sql.TrimStart());
        if (!match.Success)
        {
            return null;
        }

        var name = Unquote(match.Groups["name"].Value);
        var schema = match.Groups["schema"].Success ? Unquote(match.Groups["schema"].Value) : null;
        return (schema, name);
    }

    private static string Unquote(string identifier)
        => identifier.StartsWith('"')
            ? identifier[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : identifier.ToLowerInvariant();

    private const string Identifier = @"(?:""(?:[^""]|"""")+""|[^\s.""(;]+)";

    [GeneratedRegex(
        @"^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>" + Identifier + @")\s+ON\s+(?:ONLY\s+)?" +
        @"(?:(?<schema>" + Identifier + @")\.)?(?<table>" + Identifier + ")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreateIndex();
}
