using System.Text;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// The one shape of a batched data change in a script or a plain <c>Migrate()</c>: a <c>DO</c> block, run outside any
/// transaction, that loops over batches and commits after each, so every batch holds its row locks briefly and a
/// stop loses at most the batch in flight. Shared by the backfill's script form and the fill of NULLs before
/// <c>SET NOT NULL</c> (<see cref="Migrations.Internal.NullFillSql"/>).
/// </summary>
internal static class BatchLoopSql
{
    /// <summary>Whether <paramref name="sql"/> can sit inside a block quoted with <paramref name="tag"/>.</summary>
    public static bool CanQuote(string tag, params string?[] sql) => sql.All(s => s is null || !s.Contains(tag, StringComparison.Ordinal));

    /// <param name="tag">The block's dollar-quote tag, for example <c>$esm_fill$</c>.</param>
    /// <param name="declarations">PL/pgSQL declarations, one per line.</param>
    /// <param name="setup">Statements before the loop.</param>
    /// <param name="batch">One batch: the loop body before its <c>COMMIT</c>.</param>
    /// <param name="afterCommit">After the commit: the exit test (the loop ends only through it).</param>
    public static string DoBlock(string tag, IEnumerable<string> declarations, string setup, string batch, string afterCommit)
    {
        var text = new StringBuilder().Append("DO ").Append(tag).Append('\n').Append("DECLARE\n");
        foreach (var declaration in declarations)
        {
            text.Append("    ").Append(declaration).Append('\n');
        }

        text.Append("BEGIN\n").Append(Indent(setup, 1))
            .Append("    LOOP\n").Append(Indent(batch, 2)).Append("        COMMIT;\n").Append(Indent(afterCommit, 2))
            .Append("    END LOOP;\nEND\n").Append(tag).Append(';');
        return text.ToString();
    }

    /// <summary>A SQL string literal (standard_conforming_strings, PostgreSQL's default since 9.1).</summary>
    public static string Literal(string text) => Migrations.Internal.SafeSql.Literal(text);

    private static string Indent(string lines, int depth)
    {
        if (lines.Length == 0)
        {
            return string.Empty;
        }

        var pad = new string(' ', depth * 4);
        return string.Concat(lines.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => pad + l + "\n"));
    }
}
