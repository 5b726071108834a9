using EfSafeMigrations;
using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Safe steps to write by hand in a migration, the same ones the scaffolder writes. They produce ordinary
/// operations (annotations and <c>Sql</c>), so migrations using them need no design-time code.
/// </summary>
public static class SafeMigrationBuilderExtensions
{
    // The same quoting rules as Npgsql's generator; a migration has no service provider to ask.
    private static readonly NpgsqlSqlGenerationHelper SqlHelper = new(new Microsoft.EntityFrameworkCore.Storage.RelationalSqlGenerationHelperDependencies());

    /// <summary>Builds this index with <c>CREATE INDEX CONCURRENTLY</c>, outside the migration's transaction.</summary>
    public static OperationBuilder<CreateIndexOperation> Concurrently(this OperationBuilder<CreateIndexOperation> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Annotation(SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently, true);
    }

    /// <summary>
    /// Adds this foreign key or check constraint <c>NOT VALID</c> (existing rows are not checked, so no long
    /// lock); follow it with <see cref="ValidateConstraint"/>.
    /// </summary>
    public static OperationBuilder<TOperation> NotValid<TOperation>(this OperationBuilder<TOperation> builder)
        where TOperation : MigrationOperation
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Annotation(SafeMigrationsAnnotationNames.NotValid, true);
    }

    /// <summary>Turns the safe rewrite off for this one operation (the plain form runs).</summary>
    public static OperationBuilder<TOperation> WithoutSafeRewrite<TOperation>(this OperationBuilder<TOperation> builder)
        where TOperation : MigrationOperation
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder is OperationBuilder<AddForeignKeyOperation> or OperationBuilder<AddCheckConstraintOperation>)
        {
            builder.Annotation(SafeMigrationsAnnotationNames.NotValid, false);
        }

        if (builder is OperationBuilder<CreateIndexOperation>)
        {
            builder.Annotation(SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently, false);
        }

        return builder.Annotation(SafeMigrationsAnnotationNames.SafeRewrite, false);
    }

    /// <summary>
    /// Validates a constraint added <c>NOT VALID</c>, in its own transaction (it scans the table but blocks
    /// no writes; inside the adding transaction it would hold the add's strong lock for the whole scan).
    /// </summary>
    public static OperationBuilder<SqlOperation> ValidateConstraint(
        this MigrationBuilder migrationBuilder, string name, string table, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        return migrationBuilder.Sql(SafeSql.ValidateConstraint(SqlHelper, schema, table, name), suppressTransaction: true);
    }

    /// <summary>Drops an index with <c>DROP INDEX CONCURRENTLY</c>, outside the migration's transaction.</summary>
    public static OperationBuilder<SqlOperation> DropIndexConcurrently(this MigrationBuilder migrationBuilder, string name, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        return migrationBuilder.Sql($"DROP INDEX CONCURRENTLY {SqlHelper.DelimitIdentifier(name, schema)};", suppressTransaction: true);
    }
}
