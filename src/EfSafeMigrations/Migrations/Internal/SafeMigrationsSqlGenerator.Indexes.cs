using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>Indexes: <c>CREATE/DROP INDEX CONCURRENTLY</c> on existing tables, outside the transaction.</summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    protected override void Generate(CreateIndexOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        // An explicit Npgsql:CreatedConcurrently (true from our differ, or a user's false) is respected as written.
        var explicitConcurrent = operation[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently] as bool?;
        var concurrent = explicitConcurrent
            ?? (Rewrites.ConcurrentIndexes && terminate && !OptedOut(operation) && !IsNewTable(operation.Schema, operation.Table));

        if (!concurrent)
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }

        var info = new SafeCommandInfo(StatementKind.ConcurrentIndex, [RewriteNames.ConcurrentIndex], operation.Schema, operation.Name);
        Tagged(info, () => base.Generate(explicitConcurrent is null ? AsConcurrent(operation) : operation, model, builder, terminate));
    }

    protected override void Generate(DropIndexOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        if (!Rewrites.ConcurrentIndexes || !terminate || OptedOut(operation) || IsNewTable(operation.Schema, operation.Table))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }

        builder.Append("DROP INDEX CONCURRENTLY ").Append(Quote(operation.Name, operation.Schema)).AppendLine(";");
        EndTagged(builder, suppressTransaction: true, new SafeCommandInfo(StatementKind.ConcurrentIndex, [RewriteNames.ConcurrentDropIndex]));
    }

    /// <summary>A copy with Npgsql's concurrent annotation: the migration's own operation is never mutated.</summary>
    private static CreateIndexOperation AsConcurrent(CreateIndexOperation operation)
    {
        var copy = new CreateIndexOperation
        {
            Name = operation.Name,
            Schema = operation.Schema,
            Table = operation.Table,
            Columns = operation.Columns,
            IsUnique = operation.IsUnique,
            IsDescending = operation.IsDescending,
            Filter = operation.Filter,
        };
        copy.AddAnnotations(operation.GetAnnotations());
        copy[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently] = true;
        return copy;
    }
}
