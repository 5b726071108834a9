namespace EfSafeMigrations.Linting.RawSql;

/// <summary><c>ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK ...</c> in ALTER TABLE.</summary>
internal static class RawSqlConstraintDefinition
{
    public static void ScanTableConstraint(StatementContext context, SqlTokenCursor cursor, SqlObjectName table, bool tableIsNew, string name)
    {
        var kind = cursor.Next().Value;
        var notValid = HasNotValid(cursor);
        if (kind == "check" && NotNullCheckColumn(cursor) is { } column)
        {
            context.State.Schema.NotNullCheckAdded(name, table.Name, column, validated: !notValid);
        }

        if (kind is "check" or "foreign")
        {
            if (notValid)
            {
                context.State.NotValidInOpenTransaction.Add(name);
            }
            else if (!tableIsNew)
            {
                context.Report(kind == "check" ? RuleCatalog.CheckWithoutNotValid : RuleCatalog.ForeignKeyWithoutNotValid, name, table.ToString());
            }

            return;
        }

        if (kind is "primary" or "unique" && !tableIsNew)
        {
            cursor.Accept("key");
            var usingIndex = cursor.Accept("using", "index");
            if (!usingIndex)
            {
                var what = kind == "primary" ? "PRIMARY KEY" : "UNIQUE";
                context.Report(RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, name, table.ToString(), what);
                // USING INDEX attaches an index that is unique already: only a new build can meet duplicates.
                context.Report(RuleCatalog.UniqueIndexOnExistingData, what + " constraint " + name, table.ToString(), string.Empty);
            }
        }
        else if (kind == "exclude" && !tableIsNew)
        {
            context.Report(RuleCatalog.ExclusionConstraintOnExistingTable, name, table.ToString());
        }
    }

    /// <summary>
    /// ESM0048 for <c>DROP CONSTRAINT name</c>: raw SQL does not say what kind of constraint it drops, so only names
    /// that follow a foreign key convention count (EF's <c>FK_...</c>, PostgreSQL's own <c>table_column_fkey</c>, or
    /// <c>..._fk</c>), unless a later statement or step adds a foreign key of that name back (a replaced key).
    /// </summary>
    public static void CheckDroppedConstraint(StatementContext context, SqlObjectName table, string constraint)
    {
        if (IsForeignKeyName(constraint) && !context.AddsForeignKeyLater(constraint))
        {
            context.Report(RuleCatalog.ForeignKeyDropped, constraint, table.ToString());
        }
    }

    /// <summary>The names of the foreign keys the tokens add (<c>CONSTRAINT name FOREIGN KEY</c>), in order.</summary>
    public static System.Collections.Generic.IEnumerable<string> ForeignKeysAdded(System.Collections.Generic.IReadOnlyList<SqlToken> tokens)
    {
        for (var t = 0; t + 2 < tokens.Count; t++)
        {
            if (tokens[t].Is("constraint") && tokens[t + 1].IsIdentifier && tokens[t + 2].Is("foreign"))
            {
                yield return tokens[t + 1].Value;
            }
        }
    }

    private static bool IsForeignKeyName(string name)
        => (name.Length > 3 && name.StartsWith("fk", System.StringComparison.OrdinalIgnoreCase) && (name[2] == '_' || name[2] == '-'))
           || name.EndsWith("_fkey", System.StringComparison.OrdinalIgnoreCase)
           || name.EndsWith("_fk", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The column of a check whose expression is exactly <c>(column IS NOT NULL)</c> (extra parentheses allowed), the
    /// only form PostgreSQL 12+ uses to prove a later SET NOT NULL without a scan; null for any other expression.
    /// Looks ahead from the check's opening parenthesis without moving the cursor.
    /// </summary>
    public static string? NotNullCheckColumn(SqlTokenCursor cursor)
    {
        var open = 0;
        while (cursor.Peek(open) is { Kind: SqlTokenKind.OpenParen })
        {
            open++;
        }

        if (open == 0 || cursor.Peek(open) is not { IsIdentifier: true } column
            || !cursor.PeekIs("is", open + 1) || !cursor.PeekIs("not", open + 2) || !cursor.PeekIs("null", open + 3))
        {
            return null;
        }

        for (var i = 0; i < open; i++)
        {
            if (cursor.Peek(open + 4 + i) is not { Kind: SqlTokenKind.CloseParen })
            {
                return null;
            }
        }

        return column.Value;
    }

    /// <summary>The column of a check constraint operation's expression (<c>"Email" IS NOT NULL</c>), as above.</summary>
    public static string? NotNullCheckColumn(string checkSql)
        => NotNullCheckColumn(new SqlTokenCursor(SqlTokenizer.Tokenize("(" + checkSql + ")")));

    /// <summary>Whether NOT VALID follows, anywhere in the rest of the statement.</summary>
    public static bool HasNotValid(SqlTokenCursor cursor)
    {
        for (var i = 0; cursor.Peek(i) is { } token; i++)
        {
            if (token.Is("not") && cursor.PeekIs("valid", i + 1))
            {
                return true;
            }
        }

        return false;
    }
}
