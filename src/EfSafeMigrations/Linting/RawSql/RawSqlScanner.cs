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

        var context = new StatementContext(state, hits, statements, outside);
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            context.StatementIndex = i;
            context.Statement = statement;
            ScanStatement(context);
            RawSqlIdentifiers.CheckLength(context);
            if (outside)
            {
                RawSqlIdempotence.Check(context);
            }
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
    private readonly List<SqlStatement> _statements;
    private Dictionary<string, int>? _foreignKeysAdded;

    public StatementContext(RawSqlScanState state, List<RawSqlHit> hits, List<SqlStatement> statements, bool runsOutsideTransaction)
    {
        State = state;
        Hits = hits;
        _statements = statements;
        StatementCount = statements.Count;
        RunsOutsideTransaction = runsOutsideTransaction;
    }

    /// <summary>Whether the step runs outside the migration's transaction (suppressed, or moved out by the generator).</summary>
    public bool RunsOutsideTransaction { get; }

    public RawSqlScanState State { get; }

    public List<RawSqlHit> Hits { get; }

    /// <summary>Statements in the same SQL step: several statements in one step run in one implicit transaction.</summary>
    public int StatementCount { get; }

    public SqlStatement Statement { get; set; } = null!;

    /// <summary>The position of <see cref="Statement"/> in its step.</summary>
    public int StatementIndex { get; set; }

    /// <summary>
    /// Whether a later statement of this step (<c>ADD CONSTRAINT name FOREIGN KEY</c>) or a later step of the migration
    /// (<see cref="RawSqlScanState.ForeignKeyAddedAtStep"/>) adds a foreign key named <paramref name="name"/>.
    /// </summary>
    public bool AddsForeignKeyLater(string name)
    {
        if (State.ForeignKeyAddedAfterThisStep(name))
        {
            return true;
        }

        // Where each foreign key of this step is added last, found once per step: linting stays linear in the SQL.
        if (_foreignKeysAdded is null)
        {
            _foreignKeysAdded = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (var s = 0; s < _statements.Count; s++)
            {
                foreach (var key in RawSqlConstraintDefinition.ForeignKeysAdded(_statements[s].Tokens))
                {
                    _foreignKeysAdded[key] = s;
                }
            }
        }

        return _foreignKeysAdded.TryGetValue(name, out var last) && last > StatementIndex;
    }

    /// <summary>Whether this step has set lock_timeout itself before the current statement.</summary>
    public bool LockTimeoutSet { get; set; }

    /// <summary>Whether this step has set statement_timeout itself before the current statement.</summary>
    public bool StatementTimeoutSet { get; set; }

    /// <summary>Whether the statement runs inside a transaction block (the migration's, or a multi-statement step's implicit one).</summary>
    public bool InTransactionBlock => !RunsOutsideTransaction || StatementCount > 1;

    public void Report(Rule rule, params string[] arguments) => Hits.Add(new RawSqlHit(rule, Statement, arguments));

    /// <summary>Reports a hit that is never more severe than <paramref name="mostSevere"/>.</summary>
    public void ReportAtMost(RuleSeverity mostSevere, Rule rule, params string[] arguments)
        => Hits.Add(new RawSqlHit(rule, Statement, arguments) { MostSevere = mostSevere });

    /// <summary>
    /// A statement that takes a table lock: reported when nothing bounds how long it waits for the lock (ESM0039), or
    /// how long it then holds it (ESM0050).
    /// </summary>
    public void TakesLock()
    {
        if (!State.ExecutorSetsLockTimeout && !LockTimeoutSet)
        {
            Report(RuleCatalog.RawSqlWithoutLockTimeout, Statement.Summary, "nothing sets lock_timeout where this migration is applied");
        }

        if (!State.ExecutorSetsStatementTimeout && !StatementTimeoutSet)
        {
            Report(RuleCatalog.RawSqlWithoutStatementTimeout, Statement.Summary);
        }
    }
}
