using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>One statement of a SQL text: its tokens (without the closing semicolon) and where it is.</summary>
internal sealed class SqlStatement
{
    public SqlStatement(string sql, IReadOnlyList<SqlToken> tokens)
    {
        Tokens = tokens;
        var start = tokens[0].Start;
        var last = tokens[tokens.Count - 1];
        Text = sql.Substring(start, last.Start + last.Length - start);
    }

    public IReadOnlyList<SqlToken> Tokens { get; }

    /// <summary>The statement as written (comments inside it included).</summary>
    public string Text { get; }

    /// <summary>The statement shortened to one line for messages.</summary>
    public string Summary
    {
        get
        {
            var oneLine = string.Join(" ", Text.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries));
            return oneLine.Length <= 80 ? oneLine : oneLine.Substring(0, 77) + "...";
        }
    }
}

/// <summary>
/// Splits tokens into statements at semicolons. Semicolons inside strings, dollar-quoted bodies and comments
/// are already hidden by the tokenizer; SQL-standard function bodies (<c>BEGIN ATOMIC ... END</c>) are kept whole.
/// </summary>
internal static class SqlStatementSplitter
{
    public static List<SqlStatement> Split(string sql)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        var statements = new List<SqlStatement>();
        var current = new List<SqlToken>();
        var atomicDepth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.Semicolon && atomicDepth == 0)
            {
                Flush(sql, current, statements);
                continue;
            }

            if (token.Is("atomic") && i > 0 && tokens[i - 1].Is("begin"))
            {
                atomicDepth++;
            }
            else if (atomicDepth > 0 && token.Is("case"))
            {
                atomicDepth++;
            }
            else if (atomicDepth > 0 && token.Is("end"))
            {
                atomicDepth--;
            }

            current.Add(token);
        }

        Flush(sql, current, statements);
        return statements;
    }

    private static void Flush(string sql, List<SqlToken> current, List<SqlStatement> statements)
    {
        if (current.Count > 0)
        {
            statements.Add(new SqlStatement(sql, current.ToArray()));
            current.Clear();
        }
    }
}
