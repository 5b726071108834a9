namespace EfSafeMigrations.Linting.RawSql;

/// <summary>Statements that change or lock rows: UPDATE, DELETE, MERGE, TRUNCATE, LOCK, VACUUM FULL, CLUSTER, EXPLAIN ANALYZE of them.</summary>
internal static class RawSqlDataStatements
{
    public static void Scan(StatementContext context, string keyword, SqlTokenCursor cursor)
    {
        switch (keyword)
        {
            case "update" or "delete" or "merge":
                cursor.Accept("from");
                cursor.Accept("into");
                cursor.Accept("only");
                if (!context.State.IsNewTable(cursor.ReadName()))
                {
                    context.Report(RuleCatalog.UnbatchedDataChange, context.Statement.Summary);
                }

                break;
            case "with" when cursor.RestContains("update") || cursor.RestContains("delete"):
                context.Report(RuleCatalog.UnbatchedDataChange, context.Statement.Summary);
                break;
            case "truncate":
                ScanTruncate(context, cursor);
                break;
            case "lock":
                context.Report(RuleCatalog.LockTable, context.Statement.Summary);
                break;
            case "vacuum" when cursor.PeekIs("full") || SqlUtilityOptions.IsOn(SqlUtilityOptions.Read(cursor), "full"):
                context.Report(RuleCatalog.VacuumFull, context.Statement.Summary);
                break;
            case "cluster":
                context.Report(RuleCatalog.Cluster, context.Statement.Summary);
                break;
            case "explain":
                ScanExplained(context, cursor);
                break;
        }
    }

    // TRUNCATE [TABLE] [ONLY] a, b: emptying tables this migration created loses nothing and blocks no one.
    private static void ScanTruncate(StatementContext context, SqlTokenCursor cursor)
    {
        cursor.Accept("table");
        var allNew = true;
        do
        {
            cursor.Accept("only");
            allNew &= context.State.IsNewTable(cursor.ReadName());
            cursor.AcceptKind(SqlTokenKind.Operator); // the '*' of a table name followed by *
        }
        while (cursor.AcceptKind(SqlTokenKind.Comma));

        if (!allNew)
        {
            context.Report(RuleCatalog.Truncate, context.Statement.Summary);
            context.TakesLock();
        }
    }

    // EXPLAIN ANALYZE runs the statement it explains (an UPDATE really updates); plain EXPLAIN only plans it.
    private static void ScanExplained(StatementContext context, SqlTokenCursor cursor)
    {
        var options = SqlUtilityOptions.Read(cursor);
        var analyze = SqlUtilityOptions.IsOn(options, "analyze") || SqlUtilityOptions.IsOn(options, "analyse")
                      || cursor.Accept("analyze") || cursor.Accept("analyse");
        cursor.Accept("verbose");
        if (analyze && cursor.Peek() is { Kind: SqlTokenKind.Word } explained)
        {
            cursor.Position++;
            Scan(context, explained.Value, cursor);
        }
    }
}
