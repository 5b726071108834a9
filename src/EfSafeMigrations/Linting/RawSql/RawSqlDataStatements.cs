namespace EfSafeMigrations.Linting.RawSql;

/// <summary>Statements that change or lock rows: UPDATE, DELETE, TRUNCATE, LOCK, VACUUM FULL, CLUSTER.</summary>
internal static class RawSqlDataStatements
{
    public static void Scan(StatementContext context, string keyword, SqlTokenCursor cursor)
    {
        switch (keyword)
        {
            case "update" or "delete":
                cursor.Accept("from");
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
                context.Report(RuleCatalog.Truncate, context.Statement.Summary);
                context.TakesLock();
                break;
            case "lock":
                context.Report(RuleCatalog.LockTable, context.Statement.Summary);
                break;
            case "vacuum" when cursor.RestContains("full"):
                context.Report(RuleCatalog.VacuumFull, context.Statement.Summary);
                break;
            case "cluster":
                context.Report(RuleCatalog.Cluster, context.Statement.Summary);
                break;
        }
    }
}
