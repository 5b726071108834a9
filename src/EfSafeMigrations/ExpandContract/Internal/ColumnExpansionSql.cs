using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// A column rename or type change (<see cref="ExpandColumnOperation"/>). Expand: the new column (nullable, no default, so a
/// NULL there on insert means "written by the old version"), a trigger that keeps both columns written, then a backfill.
/// Contract: NOT NULL the safe way (a validated CHECK), then one short transaction that drops the trigger and the old column and
/// finishes the new one. Undo: one transaction dropping what the expand added; the old column was kept written, so the old
/// version finds every value either version wrote.
/// </summary>
internal sealed class ColumnExpansionSql(ExpandColumnOperation operation, ISqlGenerationHelper sql)
{
    private readonly ExpansionNames _names = ExpansionNames.Of(operation);
    private string Table => sql.DelimitIdentifier(operation.Table, operation.Schema);
    private string Old => sql.DelimitIdentifier(operation.Name);
    private string New => sql.DelimitIdentifier(operation.NewName);
    private string Function => sql.DelimitIdentifier(_names.Function, operation.Schema);
    private string OldType => operation.OldStoreType ?? operation.StoreType;

    /// <summary>The new value, as an expression over the old column.</summary>
    public string Up => operation.Up ?? (operation.ChangesType ? $"CAST({Old} AS {operation.StoreType})" : Old);

    /// <summary>The old value, as an expression over the new column.</summary>
    public string Down => operation.Down ?? (operation.ChangesType ? $"CAST({New} AS {OldType})" : New);

    public IReadOnlyList<ExpansionStatement> For(ExpansionStage stage) => stage switch
    {
        ExpansionStage.Expand => Expand(),
        ExpansionStage.Contract => Contract(),
        _ => Undo(),
    };

    public BackfillOperation Backfill() => new()
    {
        Table = operation.Table,
        Schema = operation.Schema,
        Set = $"{New} = ({Up})",
        Where = ExpansionSql.Differs(New, Up),
        BatchSize = operation.BatchSize,
    };

    // The counter and the function first: they lock nothing the application needs. ADD COLUMN takes the table's ACCESS EXCLUSIVE
    // lock, held until the step commits, so it comes last but for the trigger (which needs the column): writers wait for two
    // statements, not four (docs/expand-contract.md, Performance).
    private List<ExpansionStatement> Expand() =>
    [
        ExpansionStatement.Ddl(ExpansionSql.Counter("CREATE SEQUENCE", SafeSql.Literal(Table), _names.Counter)),
        ExpansionStatement.Ddl(TriggerFunction()),
        ExpansionStatement.Ddl(AddNewColumn()),
        ExpansionStatement.Ddl(
            $"CREATE TRIGGER {sql.DelimitIdentifier(_names.Function)} BEFORE INSERT OR UPDATE OF {Old}, {New} ON {Table} " +
            $"FOR EACH ROW EXECUTE FUNCTION {Function}();"),
        new ExpansionStatement(string.Empty, Transactional: false, StatementKind.Backfill, Backfill()),
    ];

    /// <summary>
    /// Insert: a NULL new column means the old version wrote the row (the new column has no default until the contract), so the
    /// new value comes from the old; otherwise the new version wrote it and the old value comes from the new. Update: whichever
    /// column the statement changed wins; a new value that already matches the old one (the backfill) leaves the old column alone,
    /// so a lossy round trip never rewrites old data. Old-version writes are counted for the contract's check. The expressions
    /// see the two columns as variables of the same name, which is why they may refer to those columns only.
    /// </summary>
    private string TriggerFunction()
        => $"""
            CREATE FUNCTION {Function}() RETURNS trigger LANGUAGE plpgsql AS $esm_sync$
            DECLARE
                {Old} {OldType} := NEW.{Old};
                {New} {operation.StoreType} := NEW.{New};
                {ExpansionSql.CountDeclaration}
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    IF NEW.{New} IS NULL THEN
                        NEW.{New} := ({Up});
                        IF NEW.{Old} IS NOT NULL THEN
                            {ExpansionSql.CountOldWrite(_names.Counter)}
                        END IF;
                    ELSE
                        NEW.{Old} := ({Down});
                    END IF;
                ELSIF {ExpansionSql.Differs($"NEW.{New}", $"OLD.{New}")} THEN
                    IF {ExpansionSql.Differs($"NEW.{New}", Up)} THEN
                        NEW.{Old} := ({Down});
                    END IF;
                ELSIF {ExpansionSql.Differs($"NEW.{Old}", $"OLD.{Old}")} THEN
                    NEW.{New} := ({Up});
                    {ExpansionSql.CountOldWrite(_names.Counter)}
                END IF;
                RETURN NEW;
            END
            $esm_sync$;
            """;

    /// <summary>
    /// The new column, with the old column's collation when it has one of its own and the new type takes one (a rename must not
    /// turn a case-insensitive email into a case-sensitive one).
    /// </summary>
    private string AddNewColumn()
        => $"""
            DO $esm_add$
            DECLARE esm_collation text;
            BEGIN
                SELECT ' COLLATE ' || quote_ident(n.nspname) || '.' || quote_ident(c.collname) INTO esm_collation
                FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation JOIN pg_namespace n ON n.oid = c.collnamespace
                WHERE a.attrelid = {SafeSql.Literal(Table)}::regclass AND a.attname = {SafeSql.Literal(operation.Name)}
                  AND a.attcollation <> (SELECT typcollation FROM pg_type WHERE oid = a.atttypid)
                  AND (SELECT typcollation <> 0 FROM pg_type WHERE oid = {SafeSql.Literal(operation.StoreType)}::regtype);
                EXECUTE {SafeSql.Literal($"ALTER TABLE {Table} ADD COLUMN {New} {operation.StoreType}")} || COALESCE(esm_collation, '');
            END $esm_add$;
            """;

    private List<ExpansionStatement> Contract()
    {
        var statements = new List<ExpansionStatement>();
        var check = SafeSql.NotNullCheckName(operation.Schema, operation.Table, operation.NewName);
        if (!operation.IsNullable)
        {
            statements.Add(ExpansionStatement.Ddl(SafeSql.AddNotNullCheck(sql, operation.Schema, operation.Table, operation.NewName, check)));
            statements.Add(ExpansionStatement.Validate(SafeSql.ValidateConstraint(sql, operation.Schema, operation.Table, check)));
        }

        statements.AddRange(DropSync());
        statements.Add(ExpansionStatement.Ddl($"ALTER TABLE {Table} DROP COLUMN {Old};"));
        if (!operation.IsNullable)
        {
            statements.Add(ExpansionStatement.Ddl($"ALTER TABLE {Table} ALTER COLUMN {New} SET NOT NULL;"));
            statements.Add(ExpansionStatement.Ddl(SafeSql.DropConstraint(sql, operation.Schema, operation.Table, check)));
        }

        if (operation.DefaultValueSql is not null)
        {
            statements.Add(ExpansionStatement.Ddl($"ALTER TABLE {Table} ALTER COLUMN {New} SET DEFAULT {operation.DefaultValueSql};"));
        }

        return statements;
    }

    /// <summary>After the contract the new column holds the only copy: the undo refuses, inside its transaction, instead of dropping it.</summary>
    private List<ExpansionStatement> Undo() =>
    [
        ExpansionStatement.Ddl(ExpansionSql.RequireColumn(SafeSql.Literal(Table), operation.Name,
            $"{operation.Describe()}: its contract has run ({operation.Name} is gone), so undoing the expand would drop {operation.NewName}, " +
            "the only copy of its data. Roll forward instead (revert the application, keep the schema), or restore the old column by hand first.")),
        .. DropSync(),
        ExpansionStatement.Ddl($"ALTER TABLE {Table} DROP COLUMN IF EXISTS {New};"),
    ];

    private IEnumerable<ExpansionStatement> DropSync() => ExpansionSql.DropSync(sql, operation);
}
