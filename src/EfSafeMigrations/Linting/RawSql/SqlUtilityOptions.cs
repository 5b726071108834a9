using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>
/// The parenthesised option list of utility statements (<c>VACUUM (FULL false, ANALYZE)</c>,
/// <c>REINDEX (CONCURRENTLY, VERBOSE)</c>, <c>EXPLAIN (ANALYZE off)</c>): each option with its boolean value,
/// which PostgreSQL reads as true when omitted and as false for <c>false</c>, <c>off</c>, <c>no</c> or <c>0</c>.
/// </summary>
internal static class SqlUtilityOptions
{
    /// <summary>Reads <c>(option [value], ...)</c> at the cursor, if there is one; options not set are absent.</summary>
    public static Dictionary<string, bool> Read(SqlTokenCursor cursor)
    {
        var options = new Dictionary<string, bool>(System.StringComparer.Ordinal);
        if (!cursor.AcceptKind(SqlTokenKind.OpenParen))
        {
            return options;
        }

        foreach (var option in RawSqlAlterStatements.SplitTopLevel(cursor, untilCloseParen: true))
        {
            if (option.Count > 0 && option[0].Kind == SqlTokenKind.Word)
            {
                options[option[0].Value] = option.Count < 2 || IsTrue(option[1]);
            }
        }

        return options;
    }

    /// <summary>Whether the option is set and true.</summary>
    public static bool IsOn(Dictionary<string, bool> options, string option) => options.TryGetValue(option, out var on) && on;

    private static bool IsTrue(SqlToken value)
        => !(value.Value is "false" or "off" or "no" or "0" or "f" or "n");
}
