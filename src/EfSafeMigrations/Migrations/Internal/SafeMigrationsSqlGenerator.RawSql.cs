using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Raw <c>Sql(...)</c>: a lone <c>VALIDATE CONSTRAINT</c> or concurrent index statement always runs outside the
/// migration's transaction. EF's C# generator drops <c>suppressTransaction: true</c> when it scaffolds a
/// <c>Sql</c> operation, so the differ's steps arrive here without it; inside the transaction that added the
/// constraint, VALIDATE would hold the add's strong lock for its whole scan (and CONCURRENTLY fails). A
/// hand-written concurrent build is tagged with its index, so a retry cleans up after it too. A scaffolded fill of
/// NULLs (<see cref="NullFillSql"/>) runs in batches outside the transaction.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    protected override void Generate(SqlOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        if (NullFillSql.TryParse(operation.Sql) is { } fill && operation[SafeMigrationsAnnotationNames.SafeRewrite] is not false)
        {
            builder.AppendLine(NullFillSql.Batched(fill.QuotedTable, fill.QuotedColumn, fill.Value));
            EndTagged(builder, suppressTransaction: true, new SafeCommandInfo(StatementKind.Fill, [RewriteNames.BatchedFill]));
            return;
        }

        var kind = IsSingleStatement(operation.Sql) ? StatementClassifier.Classify(operation.Sql) : StatementKind.Ddl;
        if (kind is not (StatementKind.Validate or StatementKind.ConcurrentIndex))
        {
            base.Generate(operation, model, builder);
            return;
        }

        var index = kind == StatementKind.ConcurrentIndex ? ConcurrentIndexSql.TryParse(operation.Sql) : null;
        var info = new SafeCommandInfo(
            kind, [kind == StatementKind.Validate ? RewriteNames.ValidateConstraint : RewriteNames.ConcurrentIndex], index?.Schema, index?.Name);
        var outside = operation;
        if (!operation.SuppressTransaction)
        {
            outside = new SqlOperation { Sql = operation.Sql, SuppressTransaction = true };
            outside.AddAnnotations(operation.GetAnnotations());
        }

        Tagged(info, () => base.Generate(outside, model, builder));
    }

    private static bool IsSingleStatement(string sql)
    {
        var trimmed = sql.Trim().TrimEnd(';');
        return !trimmed.Contains(';', StringComparison.Ordinal);
    }
}
