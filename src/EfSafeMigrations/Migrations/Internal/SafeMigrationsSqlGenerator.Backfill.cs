using EfSafeMigrations.Backfill.Internal;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// <see cref="BackfillOperation"/>: a command of its own outside the migration's transaction, tagged with the operation
/// so the safe migrator runs it batch by batch with journal checkpoints; its text is the script form (a <c>DO</c>
/// block committing per batch) that plain <c>Migrate()</c> and scripts run.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    private void GenerateBackfill(BackfillOperation backfill, MigrationCommandListBuilder builder, IReadOnlyList<string> rewrites)
    {
        builder.AppendLine(BackfillScriptSql.For(backfill, Dependencies.SqlGenerationHelper.DelimitIdentifier));
        EndTagged(builder, suppressTransaction: true, new SafeCommandInfo(StatementKind.Backfill, rewrites, Backfill: backfill));
    }
}
