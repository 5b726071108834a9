using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>The statements of one stage of an expansion: dispatches to the SQL of each kind of change.</summary>
internal static class ExpansionSql
{
    public static IReadOnlyList<ExpansionStatement> For(ExpansionOperation operation, ISqlGenerationHelper sql)
    {
        ExpansionValidation.ThrowIfInvalid(operation);
        return operation switch
        {
            ExpandColumnOperation column => new ColumnExpansionSql(column, sql).For(column.Stage),
            ExpandRequiredOperation required => new RequiredExpansionSql(required, sql).For(required.Stage),
            ExpandTableRenameOperation rename => TableRenameExpansionSql.For(rename, sql),
            RetireColumnOperation retire => RetireColumnSql.For(retire, sql),
            _ => throw new NotSupportedException($"{operation.GetType().Name} is not an expansion this version knows."),
        };
    }

    /// <summary>The backfill an expand runs (also what the no-key preflight looks at); null for the other stages and kinds.</summary>
    public static BackfillOperation? BackfillOf(ExpansionOperation operation, ISqlGenerationHelper sql)
        => operation.Stage != ExpansionStage.Expand
            ? null
            : operation switch
            {
                ExpandColumnOperation column => new ColumnExpansionSql(column, sql).Backfill(),
                ExpandRequiredOperation required => new RequiredExpansionSql(required, sql).Backfill(),
                _ => null,
            };

    /// <summary>
    /// Creates the old-version write counter in the table's own schema (the trigger finds it there through
    /// <c>TG_TABLE_SCHEMA</c>, whatever the writer's search path), or drops it.
    /// </summary>
    public static string Counter(string verb, string tableLiteral, string counter)
        => $"""
            DO $esm_counter$ BEGIN
                EXECUTE format('{verb} %I.%I', (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = {tableLiteral}::regclass), '{counter}');
            END $esm_counter$;
            """;

    /// <summary>Drops an expansion's trigger, its function and its counter (the contract and the undo of a synced change).</summary>
    public static IEnumerable<ExpansionStatement> DropSync(ISqlGenerationHelper sql, ExpansionOperation operation)
    {
        var names = ExpansionNames.Of(operation);
        var table = sql.DelimitIdentifier(operation.Table, operation.Schema);
        return
        [
            ExpansionStatement.Ddl($"DROP TRIGGER IF EXISTS {sql.DelimitIdentifier(names.Function)} ON {table};"),
            ExpansionStatement.Ddl($"DROP FUNCTION IF EXISTS {sql.DelimitIdentifier(names.Function, operation.Schema)}();"),
            ExpansionStatement.Ddl(Counter("DROP SEQUENCE IF EXISTS", SafeSql.Literal(table), names.Counter)),
        ];
    }

    /// <summary>The trigger function's variable that <see cref="CountOldWrite"/> assigns (declare it with <see cref="CountDeclaration"/>).</summary>
    private const string OldWrites = "esm_old_writes";

    /// <summary>The declaration <see cref="CountOldWrite"/> needs, for the trigger function's DECLARE block.</summary>
    public const string CountDeclaration = OldWrites + " bigint;";

    /// <summary>
    /// The trigger's call that counts one old-version write (read by the contract's old-writer check). An assignment, not
    /// <c>PERFORM</c>: PL/pgSQL evaluates an assignment's expression on its fast path, while <c>PERFORM</c> starts the executor
    /// for a query on every row (the counter was most of the trigger's cost: docs/expand-contract.md, Performance).
    /// </summary>
    public static string CountOldWrite(string counter)
        => $"{OldWrites} := nextval((quote_ident(TG_TABLE_SCHEMA) || '.{counter}')::regclass);";

    /// <summary>
    /// Whether two values differ byte for byte (record image comparison; NULLs equal): <c>IS DISTINCT FROM</c> would call 'A' and
    /// 'a' equal under a case-insensitive collation or citext, and a case-only change by one version would never reach the other column.
    /// </summary>
    public static string Differs(string a, string b) => $"(ROW({a})::record *<> ROW({b})::record)";

    /// <summary>Stops the statement's transaction with <paramref name="message"/> unless the table has <paramref name="column"/>.</summary>
    public static string RequireColumn(string tableLiteral, string column, string message)
        => $"""
            DO $esm_guard$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = {tableLiteral}::regclass AND attname = {SafeSql.Literal(column)} AND attnum > 0 AND NOT attisdropped) THEN
                    RAISE EXCEPTION '%', {SafeSql.Literal("EfSafeMigrations: " + message.TrimEnd('.'))};
                END IF;
            END $esm_guard$;
            """;

}
