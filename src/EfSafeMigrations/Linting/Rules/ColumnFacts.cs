using EfSafeMigrations.Linting.RawSql;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.Internal;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>What a column operation says about the column's type and value generation, Npgsql-aware.</summary>
internal static class ColumnFacts
{
    public static SqlColumnType? StoreType(ColumnOperation column)
        => string.IsNullOrWhiteSpace(column.ColumnType) ? null : SqlColumnType.Parse(column.ColumnType);

    public static NpgsqlValueGenerationStrategy? Strategy(ColumnOperation column)
        => column[NpgsqlAnnotationNames.ValueGenerationStrategy] as NpgsqlValueGenerationStrategy?;

    /// <summary>Filled from a sequence for every row: identity, serial, or a serial type name.</summary>
    public static bool IsAutoIncrementing(ColumnOperation column)
        => Strategy(column) is NpgsqlValueGenerationStrategy.IdentityAlwaysColumn
               or NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
               or NpgsqlValueGenerationStrategy.SerialColumn
           || StoreType(column)?.IsSerial == true;

    public static bool IsSerial(ColumnOperation column)
        => Strategy(column) == NpgsqlValueGenerationStrategy.SerialColumn || StoreType(column)?.IsSerial == true;

    public static string TypeText(ColumnOperation column)
        => column.ColumnType ?? column.ClrType.Name;

    /// <summary>Reports the type-choice rules (json, timestamp, char, varchar(n), serial, small keys and columns) for a column.</summary>
    /// <param name="inKey">Part of the table's primary key (composite keys included).</param>
    public static void CheckTypeChoices(LintContext context, ColumnOperation column, string table, bool primaryKey, bool inKey = false)
    {
        if (StoreType(column) is { } type)
        {
            var oldType = (column as AlterColumnOperation)?.OldColumn is { } old ? StoreType(old) : null;
            foreach (var (rule, arguments) in RawSqlTypeChoices.Find(column.Name, table, type, primaryKey, inKey, oldType))
            {
                context.Report(rule, arguments);
            }
        }

        // Npgsql writes serial columns as integer/bigint plus an annotation; the type name alone misses them.
        if (Strategy(column) == NpgsqlValueGenerationStrategy.SerialColumn && StoreType(column)?.IsSerial != true)
        {
            context.Report(RuleCatalog.SerialInsteadOfIdentity, column.Name, table);
        }
    }
}
