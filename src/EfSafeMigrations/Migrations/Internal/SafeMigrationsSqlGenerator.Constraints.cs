using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Constraints on existing tables: foreign keys and checks <c>NOT VALID</c> then <c>VALIDATE</c> in a
/// separate transaction; unique constraints and primary keys through a concurrent unique index.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    protected override void Generate(AddForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        var mode = NotValidMode(operation, Rewrites.NotValidForeignKeys, terminate);
        if (mode == ConstraintMode.Plain)
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }

        base.Generate(operation, model, builder, terminate: false);
        builder.AppendLine(" NOT VALID;");
        EndTagged(builder, suppressTransaction: false, new SafeCommandInfo(StatementKind.Ddl, [RewriteNames.NotValidForeignKey]));
        if (mode == ConstraintMode.NotValidThenValidate)
        {
            Validate(builder, operation.Schema, operation.Table, operation.Name, RewriteNames.NotValidForeignKey);
        }
    }

    protected override void Generate(AddCheckConstraintOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        var mode = NotValidMode(operation, Rewrites.NotValidCheckConstraints, terminate: true);
        if (mode == ConstraintMode.Plain)
        {
            base.Generate(operation, model, builder);
            return;
        }

        builder.Append("ALTER TABLE ").Append(Quote(operation.Table, operation.Schema)).Append(" ADD ");
        CheckConstraint(operation, model, builder);
        builder.AppendLine(" NOT VALID;");
        EndTagged(builder, suppressTransaction: false, new SafeCommandInfo(StatementKind.Ddl, [RewriteNames.NotValidCheck]));
        if (mode == ConstraintMode.NotValidThenValidate)
        {
            Validate(builder, operation.Schema, operation.Table, operation.Name, RewriteNames.NotValidCheck);
        }
    }

    protected override void Generate(AddUniqueConstraintOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        if (operation[SafeMigrationsAnnotationNames.UsingIndex] is true)
        {
            AttachUsingIndex(builder, operation.Schema, operation.Table, operation.Name, "UNIQUE");
            return;
        }

        if (!UsesConcurrentIndex(operation, operation.Schema, operation.Table))
        {
            base.Generate(operation, model, builder);
            return;
        }

        AddConstraintUsingConcurrentIndex(builder, operation.Schema, operation.Table, operation.Name, operation.Columns, "UNIQUE");
    }

    protected override void Generate(AddPrimaryKeyOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        if (terminate && operation[SafeMigrationsAnnotationNames.UsingIndex] is true)
        {
            AttachUsingIndex(builder, operation.Schema, operation.Table, operation.Name, "PRIMARY KEY");
            return;
        }

        if (!terminate || !UsesConcurrentIndex(operation, operation.Schema, operation.Table))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }

        AddConstraintUsingConcurrentIndex(builder, operation.Schema, operation.Table, operation.Name, operation.Columns, "PRIMARY KEY");
    }

    private enum ConstraintMode
    {
        Plain,
        NotValidOnly,
        NotValidThenValidate,
    }

    /// <summary>
    /// The annotation wins when present (true: the migration validates explicitly, as scaffolded ones do);
    /// otherwise the option decides, for existing tables only.
    /// </summary>
    private ConstraintMode NotValidMode(MigrationOperation operation, bool optionOn, bool terminate)
    {
        var table = operation switch
        {
            AddForeignKeyOperation fk => (fk.Schema, fk.Table),
            AddCheckConstraintOperation ck => (ck.Schema, ck.Table),
            _ => (null, null),
        };

        return operation[SafeMigrationsAnnotationNames.NotValid] switch
        {
            true => ConstraintMode.NotValidOnly,
            false => ConstraintMode.Plain,
            _ when optionOn && terminate && !IsNewTable(table.Item1, table.Item2) => ConstraintMode.NotValidThenValidate,
            _ => ConstraintMode.Plain,
        };
    }

    /// <summary>VALIDATE runs in its own transaction: inside the ADD's transaction it would keep the ADD's strong lock for the whole scan.</summary>
    private void Validate(MigrationCommandListBuilder builder, string? schema, string table, string constraint, string rewrite)
    {
        builder.AppendLine(SafeSql.ValidateConstraint(Dependencies.SqlGenerationHelper, schema, table, constraint));
        EndTagged(builder, suppressTransaction: true, new SafeCommandInfo(StatementKind.Validate, [rewrite, RewriteNames.ValidateConstraint]));
    }

    private bool UsesConcurrentIndex(MigrationOperation operation, string? schema, string table)
        => Rewrites.ConstraintsUsingConcurrentIndex && !OptedOut(operation) && !IsNewTable(schema, table);

    private void AddConstraintUsingConcurrentIndex(
        MigrationCommandListBuilder builder, string? schema, string table, string name, string[] columns, string constraintType)
    {
        // The index takes the constraint's name: ADD CONSTRAINT ... USING INDEX renames it to the constraint's anyway.
        builder.AppendLine(SafeSql.CreateUniqueIndexConcurrently(Dependencies.SqlGenerationHelper, schema, table, name, columns));
        EndTagged(builder, suppressTransaction: true,
            new SafeCommandInfo(StatementKind.ConcurrentIndex, [RewriteNames.ConstraintUsingIndex], schema, name));

        AttachUsingIndex(builder, schema, table, name, constraintType);
    }

    private void AttachUsingIndex(MigrationCommandListBuilder builder, string? schema, string table, string name, string constraintType)
    {
        builder.AppendLine(SafeSql.AddConstraintUsingIndex(Dependencies.SqlGenerationHelper, schema, table, name, constraintType));
        EndTagged(builder, suppressTransaction: false, new SafeCommandInfo(StatementKind.Ddl, [RewriteNames.ConstraintUsingIndex]));
    }
}
