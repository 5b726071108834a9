using System.Collections.Generic;
using System.Text;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>
/// Splits PostgreSQL SQL text into tokens the way PostgreSQL's lexer does for what matters to the linter:
/// string constants (standard, <c>E''</c> with backslash escapes, <c>B''</c>, <c>X''</c>, <c>U&amp;''</c>,
/// dollar-quoted <c>$tag$...$tag$</c>), quoted identifiers, <c>--</c> and nested <c>/* */</c> comments.
/// A key word inside a string, a comment or a function body is therefore never mistaken for a statement.
/// Malformed text (an unterminated string or comment) is tokenized up to its end, never rejected.
/// </summary>
internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                i = SkipLineComment(sql, i);
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == '\'')
            {
                i = ReadQuoted(sql, i, i, '\'', backslashEscapes: false, SqlTokenKind.String, tokens);
            }
            else if (c == '"')
            {
                i = ReadQuoted(sql, i, i, '"', backslashEscapes: false, SqlTokenKind.QuotedIdentifier, tokens);
            }
            else if (c == '$')
            {
                i = ReadDollar(sql, i, tokens);
            }
            else if (IsDigit(c) || (c == '.' && IsDigit(Peek(sql, i + 1))))
            {
                i = ReadNumber(sql, i, tokens);
            }
            else if (IsIdentifierStart(c))
            {
                i = ReadWordOrPrefixedQuote(sql, i, tokens);
            }
            else
            {
                tokens.Add(new SqlToken(PunctuationKind(c), c.ToString(), i, 1));
                i++;
            }
        }

        return tokens;
    }

    private static char Peek(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c) || c == '$';

    private static SqlTokenKind PunctuationKind(char c) => c switch
    {
        '(' => SqlTokenKind.OpenParen,
        ')' => SqlTokenKind.CloseParen,
        ',' => SqlTokenKind.Comma,
        '.' => SqlTokenKind.Dot,
        ';' => SqlTokenKind.Semicolon,
        _ => SqlTokenKind.Operator,
    };

    private static int SkipLineComment(string sql, int i)
    {
        // PostgreSQL's lexer ends a -- comment at a carriage return as well as at a line feed.
        while (i < sql.Length && sql[i] != '\n' && sql[i] != '\r')
        {
            i++;
        }

        return i;
    }

    // PostgreSQL block comments nest: /* a /* b */ still a comment */.
    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && Peek(sql, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && Peek(sql, i + 1) == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    /// <summary>Reads a quoted token whose opening quote is at <paramref name="quote"/>; a doubled quote stands for one.</summary>
    private static int ReadQuoted(
        string sql, int tokenStart, int quote, char quoteChar, bool backslashEscapes, SqlTokenKind kind, List<SqlToken> tokens)
    {
        var value = new StringBuilder();
        var i = quote + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslashEscapes && c == '\\' && i + 1 < sql.Length)
            {
                value.Append(sql[i + 1]);
                i += 2;
            }
            else if (c == quoteChar)
            {
                if (Peek(sql, i + 1) == quoteChar)
                {
                    value.Append(quoteChar);
                    i += 2;
                }
                else
                {
                    i++;
                    break;
                }
            }
            else
            {
                value.Append(c);
                i++;
            }
        }

        tokens.Add(new SqlToken(kind, value.ToString(), tokenStart, i - tokenStart));
        return i;
    }

    // $1 is a parameter; $$...$$ and $tag$...$tag$ are strings whose content is taken literally.
    private static int ReadDollar(string sql, int start, List<SqlToken> tokens)
    {
        var i = start + 1;
        if (IsDigit(Peek(sql, i)))
        {
            while (IsDigit(Peek(sql, i)))
            {
                i++;
            }

            tokens.Add(new SqlToken(SqlTokenKind.Parameter, sql.Substring(start, i - start), start, i - start));
            return i;
        }

        if (IsIdentifierStart(Peek(sql, i)))
        {
            while (i < sql.Length && IsIdentifierPart(sql[i]) && sql[i] != '$')
            {
                i++;
            }
        }

        if (Peek(sql, i) != '$')
        {
            tokens.Add(new SqlToken(SqlTokenKind.Operator, "$", start, 1));
            return start + 1;
        }

        var delimiter = sql.Substring(start, i + 1 - start);
        var bodyStart = i + 1;
        var end = sql.IndexOf(delimiter, bodyStart, System.StringComparison.Ordinal);
        var bodyEnd = end < 0 ? sql.Length : end;
        var tokenEnd = end < 0 ? sql.Length : end + delimiter.Length;
        tokens.Add(new SqlToken(SqlTokenKind.String, sql.Substring(bodyStart, bodyEnd - bodyStart), start, tokenEnd - start));
        return tokenEnd;
    }

    private static int ReadNumber(string sql, int start, List<SqlToken> tokens)
    {
        var i = start;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (IsDigit(c) || c == '.' || c == '_' || ((c == 'e' || c == 'E') && i > start))
            {
                i++;
                if ((c == 'e' || c == 'E') && (Peek(sql, i) == '+' || Peek(sql, i) == '-'))
                {
                    i++;
                }
            }
            else if (i == start + 1 && sql[start] == '0' && (c is 'x' or 'X' or 'o' or 'O' or 'b' or 'B'))
            {
                // 0x1F, 0o17, 0b101 (PostgreSQL 16+)
                i++;
                while (i < sql.Length && (IsDigit(sql[i]) || sql[i] == '_' || (sql[i] >= 'a' && sql[i] <= 'f') || (sql[i] >= 'A' && sql[i] <= 'F')))
                {
                    i++;
                }

                break;
            }
            else
            {
                break;
            }
        }

        tokens.Add(new SqlToken(SqlTokenKind.Number, sql.Substring(start, i - start), start, i - start));
        return i;
    }

    private static int ReadWordOrPrefixedQuote(string sql, int start, List<SqlToken> tokens)
    {
        var next = Peek(sql, start + 1);
        var c = sql[start];

        // E'..' (backslash escapes), B'..', X'..', N'..'
        if (next == '\'' && "eEbBxXnN".IndexOf(c) >= 0)
        {
            return ReadQuoted(sql, start, start + 1, '\'', backslashEscapes: c is 'e' or 'E', SqlTokenKind.String, tokens);
        }

        // U&'..' and U&".."
        if ((c == 'u' || c == 'U') && next == '&' && (Peek(sql, start + 2) == '\'' || Peek(sql, start + 2) == '"'))
        {
            var quote = sql[start + 2];
            var kind = quote == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String;
            return ReadQuoted(sql, start, start + 2, quote, backslashEscapes: false, kind, tokens);
        }

        var i = start;
        while (i < sql.Length && IsIdentifierPart(sql[i]))
        {
            i++;
        }

        tokens.Add(new SqlToken(SqlTokenKind.Word, FoldCase(sql.Substring(start, i - start)), start, i - start));
        return i;
    }

    /// <summary>PostgreSQL folds unquoted identifiers to lower case (ASCII letters only).</summary>
    public static string FoldCase(string word)
    {
        var chars = word.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] >= 'A' && chars[i] <= 'Z')
            {
                chars[i] = (char)(chars[i] + 32);
            }
        }

        return new string(chars);
    }
}
