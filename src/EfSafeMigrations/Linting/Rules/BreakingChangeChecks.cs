using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>
/// Renames and drops that break running code or lose data: ESM0015, ESM0016, ESM0018, ESM0019, ESM0020. Expand/contract
/// operations are none of these (their contract's drops are planned), nor is the drop of a column an earlier migration retired.
/// </summary>
internal sealed class BreakingChangeChecks : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        switch (operation)
        {
            case RenameColumnOperation rename when context.Schema.IsAddedColumn(rename.Table, rename.Name):
                context.Schema.ColumnDropped(rename.Table, rename.Name);
                context.Schema.ColumnAdded(rename.Table, rename.NewName);
                break;
            case RenameColumnOperation rename:
                context.ReportUnlessNew(rename.Table, RuleCatalog.RenameColumn, rename.Name, OperationDescriber.Qualify(rename.Schema, rename.Table), rename.NewName);
                break;
            case RenameTableOperation rename when (rename.NewName is not null && rename.NewName != rename.Name)
                                                  || (rename.NewSchema is not null && rename.NewSchema != rename.Schema):
                context.ReportUnlessNew(rename.Name, RuleCatalog.RenameTable,
                    OperationDescriber.Qualify(rename.Schema, rename.Name),
                    OperationDescriber.Qualify(rename.NewSchema ?? rename.Schema, rename.NewName ?? rename.Name));
                if (context.IsNewTable(rename.Name) && rename.NewName is not null)
                {
                    // Renamed, a new table is still empty and still unknown to running code.
                    context.MarkTableNew(rename.NewName);
                }

                break;
            case DropColumnOperation drop when context.Schema.IsAddedColumn(drop.Table, drop.Name):
                context.Schema.ColumnDropped(drop.Table, drop.Name);
                break;
            case DropColumnOperation drop when context.IsRetired(drop.Table, drop.Name):
                // The planned end of a retirement (RetireColumn in an earlier migration): no running version uses it.
                break;
            case DropColumnOperation drop:
                context.ReportUnlessNew(drop.Table, RuleCatalog.DropColumn, drop.Name, OperationDescriber.Qualify(drop.Schema, drop.Table));
                break;
            case DropTableOperation drop:
                context.ReportUnlessNew(drop.Name, RuleCatalog.DropTable, OperationDescriber.Qualify(drop.Schema, drop.Name));
                break;
            case DropSchemaOperation drop:
                context.Report(RuleCatalog.DropSchema, drop.Name);
                break;
        }
    }
}
