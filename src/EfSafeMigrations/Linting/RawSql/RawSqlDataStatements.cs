namespace EfSafeMigrations.Linting.RawSql;

/// <summary>Statements that change or lock rows: UPDATE, DELETE, MERGE, TRUNCATE, LOCK, VACUUM FULL, CLUSTER, REPACK, EXPLAIN ANALYZE of them.</summary>
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
                ReportRewrite(context, RuleCatalog.VacuumFull);
                break;
            case "cluster":
                ReportRewrite(context, RuleCatalog.Cluster);
                break;
            case "repack":
                ScanRepack(context, cursor);
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

    /// <summary>ESM0033 / ESM0034 with the online alternative for the server version (<c>{1}</c>).</summary>
    public static void ReportRewrite(StatementContext context, Rule rule)
        => context.Report(rule, context.Statement.Summary, RuleCatalog.OnlineRewriteAdvice(context.State.PostgresVersion, ordered: rule == RuleCatalog.Cluster));

    // REPACK (PostgreSQL 19+) replaces VACUUM FULL and CLUSTER: without CONCURRENTLY it takes the same ACCESS EXCLUSIVE lock.
    private static void ScanRepack(StatementContext context, SqlTokenCursor cursor)
    {
        var options = SqlUtilityOptions.Read(cursor);
        if (cursor.Accept("concurrently") || SqlUtilityOptions.IsOn(options, "concurrently"))
        {
            return;
        }

        ReportRewrite(context, cursor.RestContains("using") ? RuleCatalog.Cluster : RuleCatalog.VacuumFull);
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
