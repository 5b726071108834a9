using System.Text.RegularExpressions;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>What a SQL statement does, as far as timeouts and transactions care.</summary>
internal enum StatementKind
{
    /// <summary>Schema change: short lock timeout, statement timeout.</summary>
    Ddl,

    /// <summary>Concurrent index build or drop: long by nature, blocks no writes, so no statement timeout.</summary>
    ConcurrentIndex,

    /// <summary><c>VALIDATE CONSTRAINT</c>: scans, blocks no writes, so no statement timeout.</summary>
    Validate,

    /// <summary>
    /// A batched data fill (NULLs filled before <c>SET NOT NULL</c>): runs outside a transaction, each batch
    /// commits on its own, so no statement timeout over the whole.
    /// </summary>
    Fill,

    /// <summary>
    /// A backfill (<see cref="BackfillOperation"/>): outside a transaction. The safe migrator runs it batch by batch, each
    /// batch under the statement timeout; a script's <c>DO</c> block runs every batch in one statement, so without one.
    /// </summary>
    Backfill,

    /// <summary>A <c>SET lock_timeout/statement_timeout</c> the generator wrote; the safe migrator applies timeouts itself.</summary>
    TimeoutSetting,
}

/// <summary>Classifies statements by their text, so hand-written <c>Sql(...)</c> gets the same treatment.</summary>
internal static partial class StatementClassifier
{
    public static StatementKind Classify(string sql)
    {
        var text = StripLeadingComments(sql);
        if (ConcurrentIndexPattern().IsMatch(text))
        {
            return StatementKind.ConcurrentIndex;
        }

        if (ValidatePattern().IsMatch(text))
        {
            return StatementKind.Validate;
        }

        return StatementKind.Ddl;
    }

    private static string StripLeadingComments(string sql)
    {
        var text = sql.TrimStart();
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            text = end < 0 ? string.Empty : text[(end + 1)..].TrimStart();
        }

        return text;
    }

    [GeneratedRegex(@"^(CREATE\s+(UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX\s+\w+)\s+CONCURRENTLY\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConcurrentIndexPattern();

    [GeneratedRegex(@"^ALTER\s+TABLE\s.*\sVALIDATE\s+CONSTRAINT\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ValidatePattern();
}
