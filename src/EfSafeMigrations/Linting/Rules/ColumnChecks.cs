using EfSafeMigrations.Linting.RawSql;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>
/// Columns added to an existing table: ESM0008 (NOT NULL without default), ESM0009 (volatile default),
/// ESM0010 (any default before PG 11), ESM0011 (stored generated), ESM0012 (identity / serial); and the type
/// choices of every added column (ESM0022-ESM0027).
/// </summary>
internal sealed class AddColumnCheck : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        if (operation is not AddColumnOperation column)
        {
            return;
        }

        var table = OperationDescriber.Qualify(column.Schema, column.Table);
        ColumnFacts.CheckTypeChoices(context, column, table, primaryKey: false);
        if (context.IsNewTable(column.Table))
        {
            return;
        }

        context.Schema.ColumnAdded(column.Table, column.Name, ColumnFacts.StoreType(column));
        var autoIncrementing = ColumnFacts.IsAutoIncrementing(column);
        var computed = !string.IsNullOrWhiteSpace(column.ComputedColumnSql);
        if (autoIncrementing)
        {
            context.Report(RuleCatalog.IdentityColumnOnExistingTable, column.Name, table);
        }

        if (computed && column.IsStored == true)
        {
            context.Report(RuleCatalog.StoredGeneratedColumn, column.Name, table);
        }

        if (!column.IsNullable && column.DefaultValue is null && string.IsNullOrWhiteSpace(column.DefaultValueSql) && !computed && !autoIncrementing)
        {
            context.Report(RuleCatalog.NotNullColumnWithoutDefault, column.Name, table);
        }

        if (!string.IsNullOrWhiteSpace(column.DefaultValueSql))
        {
            var volatility = SqlDefaultExpression.Classify(column.DefaultValueSql, out var function);
            if (volatility == DefaultVolatility.NonVolatile)
            {
                context.Report(RuleCatalog.DefaultBeforePostgres11, column.Name, table);
            }
            else
            {
                context.Report(RuleCatalog.VolatileDefault, column.Name, table,
                    volatility == DefaultVolatility.Volatile ? function! : $"{function} (not known to be non-volatile)");
            }
        }
        else if (column.DefaultValue is not null and not DBNull)
        {
            context.Report(RuleCatalog.DefaultBeforePostgres11, column.Name, table);
        }
    }
}

/// <summary>
/// Columns changed on an existing table: ESM0007 (SET NOT NULL), ESM0021 (DROP NOT NULL), ESM0014 (type change
/// outside the binary-compatible allow-list), ESM0011 (becomes stored generated); type choices of a new type.
/// </summary>
internal sealed class AlterColumnCheck : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        if (operation is not AlterColumnOperation column || context.IsNewTable(column.Table))
        {
            return;
        }

        var table = OperationDescriber.Qualify(column.Schema, column.Table);
        var old = column.OldColumn;
        if (!column.IsNullable && old.IsNullable)
        {
            // A CHECK (column IS NOT NULL) validated earlier (the safe sequence, scaffolded or hand-written) spares the scan.
            if (!context.Schema.ProvesNotNull(column.Table, column.Name))
            {
                context.Report(RuleCatalog.SetNotNull, column.Name, table);
            }
        }
        else if (column.IsNullable && !old.IsNullable && !context.Schema.IsAddedColumn(column.Table, column.Name))
        {
            context.Report(RuleCatalog.DropNotNull, column.Name, table);
        }

        CheckType(context, column, old, table);

        if (string.IsNullOrWhiteSpace(old.ComputedColumnSql) && !string.IsNullOrWhiteSpace(column.ComputedColumnSql) && column.IsStored == true)
        {
            context.Report(RuleCatalog.StoredGeneratedColumn, column.Name, table);
        }
    }

    private static void CheckType(LintContext context, AlterColumnOperation column, ColumnOperation old, string table)
    {
        var newType = ColumnFacts.StoreType(column);
        var oldType = ColumnFacts.StoreType(old);
        if (newType is not null && oldType is not null)
        {
            if (newType.SameAs(oldType))
            {
                return;
            }

            if (!newType.IsSafeChangeFrom(oldType))
            {
                context.Report(RuleCatalog.ColumnTypeChange, column.Name, table, oldType.Original, newType.DescribeChangeFrom(oldType));
            }

            ColumnFacts.CheckTypeChoices(context, column, table, primaryKey: false);
        }
        else if (old.ClrType is not null && column.ClrType != old.ClrType && Nullable.GetUnderlyingType(column.ClrType) != old.ClrType
                 && Nullable.GetUnderlyingType(old.ClrType) != column.ClrType)
        {
            context.Report(RuleCatalog.ColumnTypeChange, column.Name, table, ColumnFacts.TypeText(old), ColumnFacts.TypeText(column));
        }
    }
}

/// <summary>A table created in this migration: marks it new (exempt from lock rules) and checks its column types and key.</summary>
internal sealed class CreateTableCheck : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        if (operation is not CreateTableOperation create)
        {
            return;
        }

        context.MarkTableNew(create.Name);
        var table = OperationDescriber.Qualify(create.Schema, create.Name);
        var keyColumns = create.PrimaryKey?.Columns ?? [];
        foreach (var column in create.Columns)
        {
            ColumnFacts.CheckTypeChoices(context, column, table, keyColumns.Length == 1 && keyColumns[0] == column.Name, keyColumns.Contains(column.Name));
        }
    }
}
