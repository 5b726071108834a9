namespace EfSafeMigrations.Linting.RawSql;

/// <summary>DROP INDEX, TABLE, SCHEMA and DATABASE in raw SQL.</summary>
internal static class RawSqlDropStatements
{
    public static void Scan(StatementContext context, SqlTokenCursor cursor)
    {
        if (cursor.Accept("index"))
        {
            RawSqlIndexStatements.ScanDropIndex(context, cursor);
            return;
        }

        Rule rule;
        if (cursor.Accept("table"))
        {
            rule = RuleCatalog.DropTable;
        }
        else if (cursor.Accept("schema"))
        {
            rule = RuleCatalog.DropSchema;
        }
        else if (cursor.Accept("database"))
        {
            context.Report(RuleCatalog.DropDatabase, context.Statement.Summary);
            return;
        }
        else
        {
            return;
        }

        cursor.Accept("if", "exists");
        do
        {
            var name = cursor.ReadName();
            if (name is not null && !(rule == RuleCatalog.DropTable && context.State.IsNewTable(name)))
            {
                context.Report(rule, name.ToString());
                context.TakesLock();
            }
        }
        while (cursor.AcceptKind(SqlTokenKind.Comma));
    }
}
