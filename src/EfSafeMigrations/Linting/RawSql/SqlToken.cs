namespace EfSafeMigrations.Linting.RawSql;

/// <summary>What a token of PostgreSQL SQL text is.</summary>
internal enum SqlTokenKind
{
    /// <summary>An unquoted identifier or key word; <see cref="SqlToken.Value"/> is lower-cased, as PostgreSQL folds it.</summary>
    Word,

    /// <summary>A double-quoted identifier (also <c>U&amp;"..."</c>); <see cref="SqlToken.Value"/> is the name without quotes.</summary>
    QuotedIdentifier,

    /// <summary>A string constant: <c>'...'</c>, <c>E'...'</c>, <c>B'...'</c>, <c>X'...'</c>, <c>U&amp;'...'</c> or <c>$tag$...$tag$</c>.</summary>
    String,

    /// <summary>A numeric constant.</summary>
    Number,

    /// <summary>A positional parameter such as <c>$1</c>.</summary>
    Parameter,

    /// <summary>An operator or punctuation other than the ones below.</summary>
    Operator,

    /// <summary><c>(</c></summary>
    OpenParen,

    /// <summary><c>)</c></summary>
    CloseParen,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary><c>.</c></summary>
    Dot,

    /// <summary><c>;</c></summary>
    Semicolon,
}

/// <summary>One token of SQL text. Comments and white space are not tokens.</summary>
internal readonly struct SqlToken
{
    public SqlToken(SqlTokenKind kind, string value, int start, int length)
    {
        Kind = kind;
        Value = value;
        Start = start;
        Length = length;
    }

    public SqlTokenKind Kind { get; }

    /// <summary>Words lower-cased, identifiers unquoted, strings with their content, the rest as written.</summary>
    public string Value { get; }

    /// <summary>Offset of the first character in the SQL text.</summary>
    public int Start { get; }

    /// <summary>Characters in the SQL text, quotes and prefixes included.</summary>
    public int Length { get; }

    /// <summary>Whether this is the unquoted key word (lower-case) <paramref name="keyword"/>.</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && Value == keyword;

    /// <summary>Whether this names an object (an unquoted word or a quoted identifier).</summary>
    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    public override string ToString() => Kind + " " + Value;
}
