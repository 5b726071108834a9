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
        ForeignKeysAddedLater(context);
        context.RawSql.MigrationHasOtherSteps = context.Operations.Count > 1;
        foreach (var hit in RawSqlScanner.Scan(sql.Sql, context.RawSql))
        {
            context.Report(hit.Rule, hit.MostSevere, hit.Arguments);
        }
    }

    // A foreign key dropped in raw SQL and added back by a later AddForeignKey is replaced, not lost (ESM0048).
    private static void ForeignKeysAddedLater(LintContext context)
    {
        var later = context.RawSql.ForeignKeysAddedLater;
        later.Clear();
        for (var i = context.OperationIndex + 1; i < context.Operations.Count; i++)
        {
            if (context.Operations[i] is AddForeignKeyOperation key)
            {
                later.Add(key.Name);
            }
        }
    }
}
