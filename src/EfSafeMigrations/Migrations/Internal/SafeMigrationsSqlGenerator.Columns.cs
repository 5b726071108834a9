using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Columns: <c>SET NOT NULL</c> on an existing column via a validated helper CHECK, so that the final
/// <c>SET NOT NULL</c> (PostgreSQL 12+) skips its full scan under <c>ACCESS EXCLUSIVE</c>.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    protected override void Generate(AlterColumnOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        var settingNotNull = operation.OldColumn.IsNullable && !operation.IsNullable;
        if (settingNotNull && operation[SafeMigrationsAnnotationNames.NotNullCheck] is string)
        {
            // The migration adds, validates and drops the helper check in steps of its own (scaffolded form).
            Tagged(new SafeCommandInfo(StatementKind.Ddl, [RewriteNames.SafeSetNotNull]), () => base.Generate(operation, model, builder));
            return;
        }

        if (!settingNotNull || !Rewrites.SafeSetNotNull || OptedOut(operation) || IsNewTable(operation.Schema, operation.Table)
            || operation.ComputedColumnSql is not null)
        {
            base.Generate(operation, model, builder);
            return;
        }

        var helper = Dependencies.SqlGenerationHelper;
        var check = SafeSql.NotNullCheckName(operation.Schema, operation.Table, operation.Name);
        var rewrite = new SafeCommandInfo(StatementKind.Ddl, [RewriteNames.SafeSetNotNull]);

        builder.AppendLine(SafeSql.AddNotNullCheck(helper, operation.Schema, operation.Table, operation.Name, check));
        EndTagged(builder, suppressTransaction: false, rewrite);

        builder.AppendLine(SafeSql.ValidateConstraint(helper, operation.Schema, operation.Table, check));
        EndTagged(builder, suppressTransaction: true,
            new SafeCommandInfo(StatementKind.Validate, [RewriteNames.SafeSetNotNull, RewriteNames.ValidateConstraint]));

        Tagged(rewrite, () => base.Generate(operation, model, builder));

        builder.AppendLine(SafeSql.DropConstraint(helper, operation.Schema, operation.Table, check));
        EndTagged(builder, suppressTransaction: false, rewrite);
    }
}
