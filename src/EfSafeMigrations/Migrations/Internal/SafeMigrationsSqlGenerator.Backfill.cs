using EfSafeMigrations.Backfill.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// <see cref="BackfillOperation"/>: a command of its own outside the migration's transaction, tagged with the operation
/// so the safe migrator runs it batch by batch with journal checkpoints; its text is the script form (a <c>DO</c>
/// block committing per batch) that plain <c>Migrate()</c> and scripts run.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    protected override void Generate(MigrationOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        if (operation is not BackfillOperation backfill)
        {
            base.Generate(operation, model, builder);
            return;
        }

        builder.AppendLine(BackfillScriptSql.For(backfill, Dependencies.SqlGenerationHelper.DelimitIdentifier));
        EndTagged(builder, suppressTransaction: true, new SafeCommandInfo(StatementKind.Backfill, [RewriteNames.Backfill], Backfill: backfill));
    }
}
