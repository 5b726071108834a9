using EfSafeMigrations.Linting.RawSql;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting;

/// <summary>Names an operation in a few words for reports: <c>DropColumn Users.LegacyCode</c>.</summary>
internal static class OperationDescriber
{
    public static string Describe(MigrationOperation operation)
    {
        var kind = operation.GetType().Name;
        kind = kind.EndsWith("Operation", StringComparison.Ordinal) ? kind[..^"Operation".Length] : kind;
        var target = operation switch
        {
            SqlOperation sql => Summarize(sql.Sql),
            ColumnOperation column => $"{Qualify(column.Schema, column.Table)}.{column.Name}",
            RenameColumnOperation rename => $"{Qualify(rename.Schema, rename.Table)}.{rename.Name}",
            DropColumnOperation drop => $"{Qualify(drop.Schema, drop.Table)}.{drop.Name}",
            CreateIndexOperation index => $"{index.Name} on {Qualify(index.Schema, index.Table)}",
            DropIndexOperation index => $"{index.Name} on {Qualify(index.Schema, index.Table)}",
            AddForeignKeyOperation key => $"{key.Name} on {Qualify(key.Schema, key.Table)}",
            AddPrimaryKeyOperation key => $"{key.Name} on {Qualify(key.Schema, key.Table)}",
            AddUniqueConstraintOperation key => $"{key.Name} on {Qualify(key.Schema, key.Table)}",
            AddCheckConstraintOperation check => $"{check.Name} on {Qualify(check.Schema, check.Table)}",
            CreateTableOperation table => Qualify(table.Schema, table.Name),
            AlterTableOperation table => Qualify(table.Schema, table.Name),
            DropTableOperation table => Qualify(table.Schema, table.Name),
            RenameTableOperation table => Qualify(table.Schema, table.Name),
            ITableMigrationOperation table => Qualify(table.Schema, table.Table),
            DropSchemaOperation schema => schema.Name,
            _ => null,
        };
        return target is null ? kind : $"{kind} {target}";
    }

    public static string Qualify(string? schema, string? table) => schema is null ? table ?? "?" : $"{schema}.{table}";

    private static string Summarize(string sql)
    {
        var statements = SqlStatementSplitter.Split(sql);
        return statements.Count switch
        {
            0 => "(empty)",
            1 => statements[0].Summary,
            _ => $"{statements[0].Summary} (+{statements.Count - 1} more statements)",
        };
    }
}
