using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>
/// ESM0001 (non-concurrent index), ESM0002 (non-concurrent drop), ESM0028 (wide non-unique index), ESM0046 (unique
/// index over existing rows).
/// </summary>
internal sealed class IndexChecks : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        switch (operation)
        {
            case CreateIndexOperation index:
                var table = OperationDescriber.Qualify(index.Schema, index.Table);
                if (index[SafeForm.CreatedConcurrentlyAnnotation] is not true)
                {
                    context.ReportUnlessNew(index.Table, RuleCatalog.NonConcurrentIndexCreation, index.Name, table);
                }

                if (index.IsUnique)
                {
                    var concurrent = index[SafeForm.CreatedConcurrentlyAnnotation] is true;
                    ConstraintChecks.ReportDuplicatesRisk(context, index.Table, "Unique index " + index.Name, table,
                        concurrent ? RawSql.RawSqlIndexStatements.FailedConcurrentBuild : string.Empty);
                }

                if (!index.IsUnique && index.Columns.Length > 3)
                {
                    context.Report(RuleCatalog.WideNonUniqueIndex, index.Name, table, index.Columns.Length.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case DropIndexOperation drop when drop.Table is null || !context.IsNewTable(drop.Table):
                context.Report(RuleCatalog.NonConcurrentIndexDrop, OperationDescriber.Qualify(drop.Schema, drop.Name));
                break;
        }
    }
}
