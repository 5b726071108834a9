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
            var createdHere = rule == RuleCatalog.DropTable ? context.State.IsNewTable(name) : name is not null && context.State.NewSchemas.Contains(name.Name);
            if (name is not null && !createdHere)
            {
                context.Report(rule, name.ToString());
                context.TakesLock();
            }
        }
        while (cursor.AcceptKind(SqlTokenKind.Comma));
    }
}
