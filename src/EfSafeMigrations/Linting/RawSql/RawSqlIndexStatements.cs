namespace EfSafeMigrations.Linting.RawSql;

/// <summary>CREATE INDEX, DROP INDEX and REINDEX in raw SQL.</summary>
internal static class RawSqlIndexStatements
{
    /// <summary>ESM0046's addition for a concurrent build, which leaves its index behind when it fails.</summary>
    public const string FailedConcurrentBuild = ", and a failed concurrent build leaves an INVALID index behind";

    /// <summary>After <c>CREATE [UNIQUE] INDEX</c>.</summary>
    public static void ScanCreateIndex(StatementContext context, SqlTokenCursor cursor, bool unique)
    {
        var concurrently = cursor.Accept("concurrently");
        var ifNotExists = cursor.Accept("if", "not", "exists");
        var name = cursor.PeekIs("on") ? null : cursor.ReadName();
        cursor.Accept("on");
        cursor.Accept("only");
        var table = cursor.ReadName();
        if (cursor.Accept("using"))
        {
            cursor.Next();
        }

        var indexName = name?.ToString() ?? "(unnamed)";
        var tableName = table?.ToString() ?? "(unknown)";
        if (concurrently)
        {
            CheckConcurrent(context, "CREATE INDEX CONCURRENTLY", ifNotExists);
        }
        else if (!context.State.IsNewTable(table))
        {
            context.Report(RuleCatalog.NonConcurrentIndexCreation, indexName, tableName);
            context.TakesLock();
        }

        if (unique && table is not null && !context.State.IsNewTable(table))
        {
            context.Report(RuleCatalog.UniqueIndexOnExistingData, "Unique index " + indexName, tableName,
                concurrently ? FailedConcurrentBuild : string.Empty);
        }

        var columns = CountColumns(cursor);
        if (!unique && columns > 3)
        {
            context.Report(RuleCatalog.WideNonUniqueIndex, indexName, tableName, columns.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>After <c>DROP INDEX</c>.</summary>
    public static void ScanDropIndex(StatementContext context, SqlTokenCursor cursor)
    {
        var concurrently = cursor.Accept("concurrently");
        var ifExists = cursor.Accept("if", "exists");
        var name = cursor.ReadName()?.ToString() ?? "(unknown)";
        if (concurrently)
        {
            CheckConcurrent(context, "DROP INDEX CONCURRENTLY", ifExists);
        }
        else
        {
            context.Report(RuleCatalog.NonConcurrentIndexDrop, name);
            context.TakesLock();
        }
    }

    /// <summary>After <c>REINDEX</c>: <c>REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name</c>.</summary>
    public static void ScanReindex(StatementContext context, SqlTokenCursor cursor)
    {
        var concurrently = IsConcurrentReindex(cursor, out var target);

        // REINDEX SYSTEM rebuilds the system catalogs' indexes only: it locks no application table, and it has no
        // concurrent form, so ESM0035's advice does not apply (docs/rules/ESM0035.md).
        if (target == "system")
        {
            return;
        }

        if (concurrently)
        {
            CheckConcurrent(context, "REINDEX CONCURRENTLY", idempotent: true);
        }
        else
        {
            context.Report(RuleCatalog.ReindexWithoutConcurrently, context.Statement.Summary);
            context.TakesLock();
        }
    }

    /// <summary>
    /// Reads <c>[(options)] kind [CONCURRENTLY]</c> after REINDEX: concurrent with the key word, or with the
    /// CONCURRENTLY option not set to false (<c>REINDEX (CONCURRENTLY false) TABLE t</c> is a plain REINDEX).
    /// </summary>
    public static bool IsConcurrentReindex(SqlTokenCursor cursor, out string? target)
    {
        var options = SqlUtilityOptions.Read(cursor);
        target = cursor.Peek() is { Kind: SqlTokenKind.Word } kind ? kind.Value : null;
        if (target is not null)
        {
            cursor.Position++;
        }

        return cursor.Accept("concurrently") || SqlUtilityOptions.IsOn(options, "concurrently");
    }

    private static void CheckConcurrent(StatementContext context, string what, bool idempotent)
    {
        if (context.InTransactionBlock)
        {
            var where = context.RunsOutsideTransaction ? what + " (with other statements in the same step)" : what;
            context.Report(RuleCatalog.ConcurrentIndexInTransaction, where);
        }
        else if (!idempotent && context.State.MigrationHasOtherSteps)
        {
            context.Report(RuleCatalog.MixedTransactionalSteps, context.Statement.Summary);
        }
    }

    // Columns and expressions of the index: top-level commas of the first parenthesised group.
    private static int CountColumns(SqlTokenCursor cursor)
    {
        if (!cursor.AcceptKind(SqlTokenKind.OpenParen))
        {
            return 0;
        }

        var depth = 1;
        var count = 1;
        while (!cursor.AtEnd && depth > 0)
        {
            var kind = cursor.Next().Kind;
            if (kind == SqlTokenKind.OpenParen)
            {
                depth++;
            }
            else if (kind == SqlTokenKind.CloseParen)
            {
                depth--;
            }
            else if (kind == SqlTokenKind.Comma && depth == 1)
            {
                count++;
            }
        }

        return count;
    }
}
