namespace EfSafeMigrations.Linting.RawSql;

/// <summary><c>ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK ...</c> in ALTER TABLE.</summary>
internal static class RawSqlConstraintDefinition
{
    public static void ScanTableConstraint(StatementContext context, SqlTokenCursor cursor, SqlObjectName table, bool tableIsNew, string name)
    {
        var kind = cursor.Next().Value;
        var notValid = HasNotValid(cursor);
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
                context.Report(RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, name, table.ToString(), kind == "primary" ? "PRIMARY KEY" : "UNIQUE");
            }
        }
    }

    private static bool HasNotValid(SqlTokenCursor cursor)
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
