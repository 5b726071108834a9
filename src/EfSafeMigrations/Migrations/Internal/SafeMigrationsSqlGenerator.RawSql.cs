using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Raw <c>Sql(...)</c>: a lone <c>VALIDATE CONSTRAINT</c> or concurrent index statement always runs outside the
/// migration's transaction. EF's C# generator drops <c>suppressTransaction: true</c> when it scaffolds a
/// <c>Sql</c> operation, so the differ's validation step arrives here without it; inside the transaction that
/// added the constraint, VALIDATE would hold the add's strong lock for its whole scan (and CONCURRENTLY fails).
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    protected override void Generate(SqlOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        if (operation.SuppressTransaction || !IsSingleStatement(operation.Sql)
            || StatementClassifier.Classify(operation.Sql) is not (StatementKind.Validate or StatementKind.ConcurrentIndex))
        {
            base.Generate(operation, model, builder);
            return;
        }

        var outside = new SqlOperation { Sql = operation.Sql, SuppressTransaction = true };
        outside.AddAnnotations(operation.GetAnnotations());
        var kind = StatementClassifier.Classify(operation.Sql);
        var rewrite = kind == StatementKind.Validate ? RewriteNames.ValidateConstraint : RewriteNames.ConcurrentIndex;
        Tagged(new SafeCommandInfo(kind, [rewrite]), () => base.Generate(outside, model, builder));
    }

    private static bool IsSingleStatement(string sql)
    {
        var trimmed = sql.Trim().TrimEnd(';');
        return !trimmed.Contains(';', StringComparison.Ordinal);
    }
}
