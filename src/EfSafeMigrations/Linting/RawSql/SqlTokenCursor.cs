using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>Reads a statement's tokens left to right with the small look-ahead the classifier needs.</summary>
internal sealed class SqlTokenCursor
{
    private readonly IReadOnlyList<SqlToken> _tokens;

    public SqlTokenCursor(IReadOnlyList<SqlToken> tokens, int position = 0)
    {
        _tokens = tokens;
        Position = position;
    }

    public int Position { get; set; }

    public bool AtEnd => Position >= _tokens.Count;

    public SqlToken? Peek(int ahead = 0)
        => Position + ahead < _tokens.Count ? _tokens[Position + ahead] : null;

    public bool PeekIs(string keyword, int ahead = 0) => Peek(ahead) is { } token && token.Is(keyword);

    /// <summary>Consumes the key words if they come next, in order; otherwise consumes nothing.</summary>
    public bool Accept(params string[] keywords)
    {
        for (var i = 0; i < keywords.Length; i++)
        {
            if (!PeekIs(keywords[i], i))
            {
                return false;
            }
        }

        Position += keywords.Length;
        return true;
    }

    public bool AcceptKind(SqlTokenKind kind)
    {
        if (Peek() is { } token && token.Kind == kind)
        {
            Position++;
            return true;
        }

        return false;
    }

    public SqlToken Next() => _tokens[Position++];

    /// <summary>Reads <c>name</c> or <c>schema.name</c> (each part quoted or not); the last part is the name.</summary>
    public SqlObjectName? ReadName()
    {
        if (Peek() is not { IsIdentifier: true } first)
        {
            return null;
        }

        Position++;
        var name = new SqlObjectName(null, first.Value, first.Start);
        while (Peek() is { Kind: SqlTokenKind.Dot } && Peek(1) is { IsIdentifier: true } part)
        {
            Position += 2;
            name = new SqlObjectName(name.Name, part.Value, name.Start);
        }

        return name;
    }

    /// <summary>Skips a parenthesised group starting at the current <c>(</c>.</summary>
    public void SkipParens()
    {
        if (!AcceptKind(SqlTokenKind.OpenParen))
        {
            return;
        }

        var depth = 1;
        while (!AtEnd && depth > 0)
        {
            var kind = Next().Kind;
            depth += kind == SqlTokenKind.OpenParen ? 1 : kind == SqlTokenKind.CloseParen ? -1 : 0;
        }
    }

    /// <summary>Whether any remaining token (at any depth) is the key word.</summary>
    public bool RestContains(string keyword)
    {
        for (var i = Position; i < _tokens.Count; i++)
        {
            if (_tokens[i].Is(keyword))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A possibly schema-qualified object name, as PostgreSQL resolves it (unquoted parts lower-cased).</summary>
internal sealed class SqlObjectName
{
    public SqlObjectName(string? schema, string name, int start)
    {
        Schema = schema;
        Name = name;
        Start = start;
    }

    public string? Schema { get; }

    public string Name { get; }

    public int Start { get; }

    public override string ToString() => Schema is null ? Name : Schema + "." + Name;
}
