namespace EfSafeMigrations.Linting.RawSql;

/// <summary>
/// ESM0047: statements of a step that runs outside the migration's transaction and that fail when the step is
/// repeated after a partial failure (CREATE without IF NOT EXISTS, DROP without IF EXISTS, ADD COLUMN without IF NOT
/// EXISTS, ADD CONSTRAINT, RENAME, ADD VALUE without IF NOT EXISTS). A concurrent index statement is left to ESM0003
/// (inside a transaction block it fails every time) and ESM0038 (next to other steps), which already say it, and a
/// concurrent build to MigrateSafelyAsync when it applies the migration (it drops the INVALID index of a failed build
/// before building again, and keeps a valid one when it resumes).
/// </summary>
internal static class RawSqlIdempotence
{
    // Objects whose CREATE has an IF NOT EXISTS form; for the others (type, domain, view...) a repeat always fails.
    private static readonly string[] CreatableIfNotExists = { "table", "index", "schema", "sequence", "extension" };

    private static readonly string[] CreatableOnce = { "type", "domain", "view", "function", "procedure", "trigger", "policy" };

    private static readonly string[] Droppable =
    {
        "table", "index", "schema", "sequence", "extension", "type", "domain", "view", "function", "procedure", "trigger", "policy",
    };

    public static void Check(StatementContext context)
    {
        var cursor = new SqlTokenCursor(context.Statement.Tokens);
        var repeatable = cursor.Peek()?.Value switch
        {
            "create" => CreateIsRepeatable(context, cursor),
            "drop" => DropIsRepeatable(context, cursor),
            "alter" => AlterIsRepeatable(cursor),
            _ => true,
        };
        if (!repeatable)
        {
            context.Report(RuleCatalog.NonIdempotentNonTransactionalStep, context.Statement.Summary);
        }
    }

    private static bool CreateIsRepeatable(StatementContext context, SqlTokenCursor cursor)
    {
        cursor.Position++;
        if (cursor.Accept("or", "replace"))
        {
            return true;
        }

        cursor.Accept("unique");
        if (cursor.Accept("temporary") || cursor.Accept("temp"))
        {
            return true; // gone with the session that created it
        }

        while (cursor.Accept("global") || cursor.Accept("local") || cursor.Accept("unlogged") || cursor.Accept("materialized"))
        {
        }

        if (cursor.Accept("index"))
        {
            return (cursor.Accept("concurrently") && (ConcurrentIsReportedElsewhere(context) || context.State.ExecutorResumesConcurrentBuilds))
                   || cursor.Accept("if", "not", "exists");
        }

        if (AcceptAny(cursor, CreatableIfNotExists))
        {
            return cursor.Accept("if", "not", "exists");
        }

        return !AcceptAny(cursor, CreatableOnce);
    }

    private static bool DropIsRepeatable(StatementContext context, SqlTokenCursor cursor)
    {
        cursor.Position++;
        cursor.Accept("materialized");
        if (cursor.Accept("index") && cursor.Accept("concurrently") && ConcurrentIsReportedElsewhere(context))
        {
            return true;
        }

        if (cursor.Position == 1 && !AcceptAny(cursor, Droppable))
        {
            return true; // DROP DATABASE has its own rule (ESM0041); DROP OWNED and the like are left alone
        }

        return cursor.Accept("if", "exists");
    }

    // ALTER TABLE: ADD [COLUMN] without IF NOT EXISTS, ADD CONSTRAINT, DROP without IF EXISTS, RENAME.
    // ALTER TYPE: ADD VALUE without IF NOT EXISTS, RENAME.
    private static bool AlterIsRepeatable(SqlTokenCursor cursor)
    {
        cursor.Position++;
        if (cursor.Accept("type"))
        {
            cursor.ReadName();
            return cursor.Accept("add", "value") ? cursor.Accept("if", "not", "exists") : !cursor.Accept("rename");
        }

        if (!cursor.Accept("table"))
        {
            return true;
        }

        cursor.Accept("if", "exists");
        cursor.Accept("only");
        cursor.ReadName();
        foreach (var action in RawSqlAlterStatements.SplitTopLevel(cursor, untilCloseParen: false))
        {
            var actionCursor = new SqlTokenCursor(action);
            if (!ActionIsRepeatable(actionCursor))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ActionIsRepeatable(SqlTokenCursor action)
    {
        if (action.Accept("rename"))
        {
            return false;
        }

        if (action.Accept("add"))
        {
            if (action.Peek() is { Kind: SqlTokenKind.Word } next && next.Value is "constraint" or "primary" or "unique" or "foreign" or "check" or "exclude")
            {
                return false; // ADD CONSTRAINT has no IF NOT EXISTS form
            }

            action.Accept("column");
            return action.Accept("if", "not", "exists");
        }

        if (action.Accept("drop"))
        {
            if (!action.Accept("constraint"))
            {
                if (action.PeekIs("not") || action.PeekIs("default") || action.PeekIs("identity") || action.PeekIs("expression"))
                {
                    return true;
                }

                action.Accept("column");
            }

            return action.Accept("if", "exists");
        }

        return true;
    }

    // ESM0003 (inside a transaction block) or ESM0038 (next to other steps) already reports the statement.
    private static bool ConcurrentIsReportedElsewhere(StatementContext context)
        => context.InTransactionBlock || context.State.MigrationHasOtherSteps;

    private static bool AcceptAny(SqlTokenCursor cursor, string[] words)
    {
        foreach (var word in words)
        {
            if (cursor.Accept(word))
            {
                return true;
            }
        }

        return false;
    }
}
