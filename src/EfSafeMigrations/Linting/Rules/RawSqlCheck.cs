using EfSafeMigrations.Linting.RawSql;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>Raw <c>migrationBuilder.Sql(...)</c>: every statement is scanned for the catalogue's dangerous statements.</summary>
internal sealed class RawSqlCheck : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        if (operation is not SqlOperation sql || string.IsNullOrWhiteSpace(sql.Sql))
        {
            return;
        }

        context.RawSql.SuppressTransaction = sql.SuppressTransaction;
        context.RawSql.Step = context.OperationIndex;
        context.RawSql.MigrationHasOtherSteps = context.Operations.Count > 1;
        foreach (var hit in RawSqlScanner.Scan(sql.Sql, context.RawSql))
        {
            context.Report(hit.Rule, hit.MostSevere, hit.Arguments);
        }
    }
}
