using System.Text.RegularExpressions;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>Volatile functions (a new value per row) that make ADD COLUMN ... DEFAULT rewrite the table (ESM0009).</summary>
internal static class VolatileFunctions
{
    private static readonly Regex Pattern = new(
        @"\b(random|gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|uuidv4|uuidv7|clock_timestamp|timeofday|nextval|txid_current|setseed)\s*\(",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The first volatile function called in <paramref name="sql"/>, or <see langword="null"/>.</summary>
    public static string? FindIn(string sql) => Pattern.Match(sql) is { Success: true } match ? match.Groups[1].Value : null;
}
