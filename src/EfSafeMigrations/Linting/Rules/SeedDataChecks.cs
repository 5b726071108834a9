using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>Seed data (HasData) removed or changed: ESM0036 (delete), ESM0037 (update).</summary>
internal sealed class SeedDataChecks : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        switch (operation)
        {
            case DeleteDataOperation delete:
                context.ReportUnlessNew(delete.Table, RuleCatalog.SeedDataDelete, OperationDescriber.Qualify(delete.Schema, delete.Table), Rows(delete.KeyValues));
                break;
            case UpdateDataOperation update:
                context.ReportUnlessNew(update.Table, RuleCatalog.SeedDataUpdate, OperationDescriber.Qualify(update.Schema, update.Table), Rows(update.KeyValues));
                break;
        }
    }

    private static string Rows(object?[,] keyValues) => keyValues.GetLength(0).ToString(CultureInfo.InvariantCulture);
}
