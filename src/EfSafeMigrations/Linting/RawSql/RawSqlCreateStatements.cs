namespace EfSafeMigrations.Linting.RawSql;

/// <summary>CREATE INDEX and CREATE TABLE in raw SQL (other CREATE statements are harmless to running code).</summary>
internal static class RawSqlCreateStatements
{
    public static void Scan(StatementContext context, SqlTokenCursor cursor)
    {
        cursor.Accept("or", "replace");
        var unique = cursor.Accept("unique");
        if (cursor.Accept("index"))
        {
            RawSqlIndexStatements.ScanCreateIndex(context, cursor, unique);
            return;
        }

        while (cursor.Accept("global") || cursor.Accept("local") || cursor.Accept("temporary") || cursor.Accept("temp") || cursor.Accept("unlogged"))
        {
        }

        if (cursor.Accept("table"))
        {
            ScanCreateTable(context, cursor);
        }
    }

    private static void ScanCreateTable(StatementContext context, SqlTokenCursor cursor)
    {
        cursor.Accept("if", "not", "exists");
        var table = cursor.ReadName();
        if (table is null)
        {
            return;
        }

        context.State.NewTables.Add(table.Name);
        if (!cursor.AcceptKind(SqlTokenKind.OpenParen))
        {
            return; // CREATE TABLE ... AS / PARTITION OF
        }

        foreach (var element in RawSqlAlterStatements.SplitTopLevel(cursor, untilCloseParen: true))
        {
            var elementCursor = new SqlTokenCursor(element);
            if (elementCursor.Peek() is { Kind: SqlTokenKind.Word } first
                && first.Value is "constraint" or "primary" or "unique" or "foreign" or "check" or "exclude" or "like")
            {
                continue; // table constraints on a new, empty table are harmless
            }

            RawSqlColumnDefinition.Scan(context, elementCursor, table, tableIsNew: true);
        }
    }
}
