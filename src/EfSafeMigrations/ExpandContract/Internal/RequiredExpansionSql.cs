using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Nullable to required, in place (<see cref="ExpandRequiredOperation"/>). Expand: a trigger writes the fill where a write
/// leaves the column NULL (the old version still treats it as optional; counted for the contract's check), then the NULL rows
/// are backfilled. Contract: a CHECK added NOT VALID and validated without blocking writes, then one short transaction: SET
/// NOT NULL (which uses the validated check instead of scanning), the check and the trigger dropped. Undo: the trigger dropped.
/// </summary>
internal sealed class RequiredExpansionSql(ExpandRequiredOperation operation, ISqlGenerationHelper sql)
{
    private readonly ExpansionNames _names = ExpansionNames.Of(operation);
    private string Table => sql.DelimitIdentifier(operation.Table, operation.Schema);
    private string Column => sql.DelimitIdentifier(operation.Name);
    private string Function => sql.DelimitIdentifier(_names.Function, operation.Schema);

    public IReadOnlyList<ExpansionStatement> For(ExpansionStage stage) => stage switch
    {
        ExpansionStage.Expand => Expand(),
        ExpansionStage.Contract => Contract(),
        _ => [.. DropSync()],
    };

    public BackfillOperation Backfill() => new()
    {
        Table = operation.Table,
        Schema = operation.Schema,
        Set = $"{Column} = ({operation.Fill})",
        Where = $"{Column} IS NULL",
        BatchSize = operation.BatchSize,
    };

    private List<ExpansionStatement> Expand() =>
    [
        ExpansionStatement.Ddl(ExpansionSql.Counter("CREATE SEQUENCE", SafeSql.Literal(Table), _names.Counter)),
        ExpansionStatement.Ddl($"""
            CREATE FUNCTION {Function}() RETURNS trigger LANGUAGE plpgsql AS $esm_required$
            DECLARE
                {ExpansionSql.CountDeclaration}
            BEGIN
                IF NEW.{Column} IS NULL THEN
                    NEW.{Column} := ({operation.Fill});
                    {ExpansionSql.CountOldWrite(_names.Counter)}
                END IF;
                RETURN NEW;
            END
            $esm_required$;
            """),
        ExpansionStatement.Ddl(
            $"CREATE TRIGGER {sql.DelimitIdentifier(_names.Function)} BEFORE INSERT OR UPDATE OF {Column} ON {Table} " +
            $"FOR EACH ROW EXECUTE FUNCTION {Function}();"),
        new ExpansionStatement(string.Empty, Transactional: false, StatementKind.Backfill, Backfill()),
    ];

    private List<ExpansionStatement> Contract()
    {
        var check = SafeSql.NotNullCheckName(operation.Schema, operation.Table, operation.Name);
        return
        [
            ExpansionStatement.Ddl(SafeSql.AddNotNullCheck(sql, operation.Schema, operation.Table, operation.Name, check)),
            ExpansionStatement.Validate(SafeSql.ValidateConstraint(sql, operation.Schema, operation.Table, check)),
            ExpansionStatement.Ddl($"ALTER TABLE {Table} ALTER COLUMN {Column} SET NOT NULL;"),
            ExpansionStatement.Ddl(SafeSql.DropConstraint(sql, operation.Schema, operation.Table, check)),
            .. DropSync(),
        ];
    }

    private IEnumerable<ExpansionStatement> DropSync() => ExpansionSql.DropSync(sql, operation);
}
