using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Expand/contract operations (<see cref="ExpansionOperation"/>): each stage's statements (ExpandContract/Internal), transactional
/// ones committing together, VALIDATE and the backfill as steps of their own; the backfill goes through the same batched runner
/// as <c>migrationBuilder.Backfill</c>.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    private void GenerateExpansion(ExpansionOperation operation, MigrationCommandListBuilder builder)
    {
        IReadOnlyList<string> rewrites = [RewriteNames.ExpandContract];
        foreach (var statement in ExpansionSql.For(operation, Dependencies.SqlGenerationHelper))
        {
            if (statement.Backfill is not null)
            {
                GenerateBackfill(statement.Backfill, builder, [RewriteNames.ExpandContract, RewriteNames.Backfill]);
                continue;
            }

            builder.AppendLine(statement.Sql);
            EndTagged(builder, suppressTransaction: !statement.Transactional, new SafeCommandInfo(statement.Kind, rewrites));
        }
    }
}
