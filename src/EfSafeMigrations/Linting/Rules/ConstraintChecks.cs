using EfSafeMigrations.Linting.RawSql;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>ESM0004 (foreign key), ESM0005 (check), ESM0013 (unique / primary key) on existing tables.</summary>
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
        }
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
