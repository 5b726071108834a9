using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// A retired column (<see cref="RetireColumnOperation"/>). Expand: its default set when given (the new version no longer writes
/// it; a NOT NULL column without a default would refuse its inserts); nothing else changes, so the old version keeps working.
/// Contract: the column dropped, as planned. Undo: the old default back.
/// </summary>
internal static class RetireColumnSql
{
    public static IReadOnlyList<ExpansionStatement> For(RetireColumnOperation operation, ISqlGenerationHelper sql)
    {
        var table = sql.DelimitIdentifier(operation.Table, operation.Schema);
        var column = sql.DelimitIdentifier(operation.Name);
        return operation.Stage switch
        {
            ExpansionStage.Expand when operation.DefaultValueSql is not null =>
                [ExpansionStatement.Ddl($"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {operation.DefaultValueSql};")],
            ExpansionStage.Contract => [ExpansionStatement.Ddl($"ALTER TABLE {table} DROP COLUMN IF EXISTS {column};")],
            ExpansionStage.UndoExpand when operation.DefaultValueSql is not null =>
            [
                ExpansionStatement.Ddl(ExpansionSql.RequireColumn(SafeSql.Literal(table), operation.Name,
                    $"{operation.Describe()}: the column was dropped by its contract; there is nothing to undo, and the old version would not find it.")),
                ExpansionStatement.Ddl(operation.OldDefaultValueSql is null
                    ? $"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT;"
                    : $"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {operation.OldDefaultValueSql};"),
            ],
            _ => [],
        };
    }
}
