using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>
/// Finds the catalogue's dangerous statements in raw SQL (<c>migrationBuilder.Sql(...)</c>): splits the text
/// into statements with a real tokenizer, then looks at each statement's leading key words. Version- and
/// severity-dependent filtering is the caller's: every hit is reported here.
/// </summary>
internal static class RawSqlScanner
{
    public static List<RawSqlHit> Scan(string sql, RawSqlScanState state)
    {
        var hits = new List<RawSqlHit>();
        var statements = SqlStatementSplitter.Split(sql);

        var outside = state.SuppressTransaction
            || (state.LoneConcurrentAndValidateRunOutsideTransaction && statements.Count == 1 && RunsAloneOutsideTransaction(statements[0]));

        // Each step outside the transaction commits what came before, so nothing added NOT VALID earlier is still open.
        if (outside)
        {
            state.NotValidInOpenTransaction.Clear();
        }

        var context = new StatementContext(state, hits, statements.Count, outside);
        foreach (var statement in statements)
        {
            context.Statement = statement;
            ScanStatement(context);
            RawSqlIdentifiers.CheckLength(context);
        }

        if (outside)
        {
            state.NotValidInOpenTransaction.Clear();
        }

        return hits;
    }

    /// <summary>
    /// A lone concurrent index statement or VALIDATE CONSTRAINT, which EfSafeMigrations' SQL generator always runs
    /// outside the migration's transaction (EF's C# generator drops <c>suppressTransaction</c> when it scaffolds).
    /// </summary>
    private static bool RunsAloneOutsideTransaction(SqlStatement statement)
    {
        var cursor = new SqlTokenCursor(statement.Tokens);
        if (cursor.Accept("create"))
        {
            cursor.Accept("unique");
            return cursor.Accept("index", "concurrently");
        }

        if (cursor.Accept("drop", "index", "concurrently"))
        {
            return true;
        }

        if (cursor.Accept("reindex"))
        {
            return RawSqlIndexStatements.IsConcurrentReindex(cursor, out _);
        }

        return cursor.Accept("alter", "table") && cursor.RestContains("validate");
    }

    private static void ScanStatement(StatementContext context)
    {
        var cursor = new SqlTokenCursor(context.Statement.Tokens);
        var first = cursor.Next();
        if (first.Kind != SqlTokenKind.Word)
        {
            return;
        }

        switch (first.Value)
        {
            case "create":
                RawSqlCreateStatements.Scan(context, cursor);
                break;
            case "drop":
                RawSqlDropStatements.Scan(context, cursor);
                break;
            case "alter":
                RawSqlAlterStatements.Scan(context, cursor);
                break;
            case "reindex":
                RawSqlIndexStatements.ScanReindex(context, cursor);
                break;
            case "set" or "reset" or "begin" or "start" or "commit" or "end" or "rollback" or "abort":
                RawSqlSessionStatements.Scan(context, first.Value, cursor);
                break;
            case "select" when cursor.RestContains("set_config"):
                RawSqlSessionStatements.ScanSetConfig(context);
                break;
            default:
                RawSqlDataStatements.Scan(context, first.Value, cursor);
                break;
        }
    }
}

/// <summary>The statement being scanned and where its hits go.</summary>
internal sealed class StatementContext
{
    public StatementContext(RawSqlScanState state, List<RawSqlHit> hits, int statementCount, bool runsOutsideTransaction)
    {
        State = state;
        Hits = hits;
        StatementCount = statementCount;
        RunsOutsideTransaction = runsOutsideTransaction;
    }

    /// <summary>Whether the step runs outside the migration's transaction (suppressed, or moved out by the generator).</summary>
    public bool RunsOutsideTransaction { get; }

    public RawSqlScanState State { get; }

    public List<RawSqlHit> Hits { get; }

    /// <summary>Statements in the same SQL step: several statements in one step run in one implicit transaction.</summary>
    public int StatementCount { get; }

    public SqlStatement Statement { get; set; } = null!;

    /// <summary>Whether this step has set lock_timeout itself before the current statement.</summary>
    public bool LockTimeoutSet { get; set; }

    /// <summary>Whether the statement runs inside a transaction block (the migration's, or a multi-statement step's implicit one).</summary>
    public bool InTransactionBlock => !RunsOutsideTransaction || StatementCount > 1;

    public void Report(Rule rule, params string[] arguments) => Hits.Add(new RawSqlHit(rule, Statement, arguments));

    /// <summary>Reports a hit that is never more severe than <paramref name="mostSevere"/>.</summary>
    public void ReportAtMost(RuleSeverity mostSevere, Rule rule, params string[] arguments)
        => Hits.Add(new RawSqlHit(rule, Statement, arguments) { MostSevere = mostSevere });

    /// <summary>A statement that takes a table lock: reported when nothing bounds how long it waits for the lock.</summary>
    public void TakesLock()
    {
        if (!State.ExecutorSetsLockTimeout && !LockTimeoutSet)
        {
            Report(RuleCatalog.RawSqlWithoutLockTimeout, Statement.Summary, "nothing sets lock_timeout where this migration is applied");
        }
    }
}
