using EfSafeMigrations.Linting.RawSql;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>
/// ESM0004 (foreign key), ESM0005 (check), ESM0013 (unique / primary key) on existing tables; ESM0048 (foreign key
/// dropped). ESM0013 also carries the duplicates risk of AddUniqueConstraint / AddPrimaryKey (its rewrite is a warning
/// when the data preflight is off), so ESM0046 is left to unique indexes and raw SQL.
/// </summary>
internal sealed class ConstraintChecks : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        TrackNotNullChecks(operation, context);
        switch (operation)
        {
            case AddForeignKeyOperation or AddCheckConstraintOperation when SafeForm.IsNotValid(operation):
                break; // added NOT VALID, validated by a later step
            case AddForeignKeyOperation key:
                context.ReportUnlessNew(key.Table, RuleCatalog.ForeignKeyWithoutNotValid, key.Name, OperationDescriber.Qualify(key.Schema, key.Table));
                break;
            case AddCheckConstraintOperation check:
                context.ReportUnlessNew(check.Table, RuleCatalog.CheckWithoutNotValid, check.Name, OperationDescriber.Qualify(check.Schema, check.Table));
                break;
            case AddPrimaryKeyOperation key:
                context.ReportUnlessNew(key.Table, RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, key.Name, OperationDescriber.Qualify(key.Schema, key.Table), "PRIMARY KEY");
                break;
            case AddUniqueConstraintOperation key:
                context.ReportUnlessNew(key.Table, RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, key.Name, OperationDescriber.Qualify(key.Schema, key.Table), "UNIQUE");
                break;
            case DropForeignKeyOperation drop when !context.IsNewTable(drop.Table) && !IsReplacedLater(context, drop):
                context.Report(RuleCatalog.ForeignKeyDropped, drop.Name, OperationDescriber.Qualify(drop.Schema, drop.Table));
                break;
        }
    }

    /// <summary>ESM0046 for a unique index built over an existing table's rows; the data preflight covers operations.</summary>
    public static void ReportDuplicatesRisk(LintContext context, string table, string what, string qualifiedTable, string addition = "")
    {
        if (!context.IsNewTable(table))
        {
            context.ReportCheckedByDataPreflight(RuleCatalog.UniqueIndexOnExistingData, what, qualifiedTable, addition);
        }
    }

    // EF drops and re-adds a foreign key it renames or retargets (and the table it belongs to may go altogether).
    private static bool IsReplacedLater(LintContext context, DropForeignKeyOperation drop)
    {
        for (var i = context.OperationIndex + 1; i < context.Operations.Count; i++)
        {
            switch (context.Operations[i])
            {
                case AddForeignKeyOperation add when add.Table == drop.Table && add.Schema == drop.Schema:
                case DropTableOperation table when table.Name == drop.Table && table.Schema == drop.Schema:
                    return true;
                case SqlOperation sql when sql.Sql.Contains(drop.Name, StringComparison.Ordinal)
                                           && sql.Sql.Contains("FOREIGN KEY", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }

        return false;
    }

    // A CHECK (column IS NOT NULL) added by an operation proves the column like one added in raw SQL.
    private static void TrackNotNullChecks(MigrationOperation operation, LintContext context)
    {
        switch (operation)
        {
            case AddCheckConstraintOperation check
                when RawSqlConstraintDefinition.NotNullCheckColumn(check.Sql) is { } column:
                context.Schema.NotNullCheckAdded(check.Name, check.Table, column, validated: !SafeForm.IsNotValid(check));
                break;
            case DropCheckConstraintOperation drop:
                context.Schema.ConstraintDropped(drop.Name);
                break;
        }
    }
}
