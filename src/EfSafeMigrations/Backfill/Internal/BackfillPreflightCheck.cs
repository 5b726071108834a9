using EfSafeMigrations.Execution;
using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// Before anything of a run executes: every pending backfill over a table that exists now must have a key it can walk
/// (the primary key, or a named NOT NULL unique key). A backfill that would be refused stops the run here, with
/// nothing applied, instead of after the steps before it. Tables a pending migration creates (also over a table of the same
/// name that is in the way, which that migration's own step then reports) are checked when their backfill is reached.
/// </summary>
internal sealed class BackfillPreflightCheck : IMigrationPreflightCheck
{
    public const string CheckName = "backfill";
    public const string NoKey = "BackfillWithoutKey";

    public async Task<IReadOnlyList<PreflightProblem>> RunAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sql = context.Context.GetService<ISqlGenerationHelper>();
        // Also the backfills the expands run.
        var backfills = PendingOperations.OnExistingTables(context.PendingMigrations,
            o => o as BackfillOperation ?? (o is ExpansionOperation expansion ? ExpansionSql.BackfillOf(expansion, sql) : null));
        if (backfills.Count == 0)
        {
            return [];
        }

        return await ContextConnection.UseAsync<IReadOnlyList<PreflightProblem>>(context.Context, async connection =>
        {
            var problems = new List<PreflightProblem>();
            foreach (var (id, backfill) in backfills)
            {
                var table = sql.DelimitIdentifier(backfill.Table, backfill.Schema);
                if (!await ExpansionCatalog.RelationExistsAsync(connection, table, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                try
                {
                    await BackfillKey.ResolveAsync(connection, table, backfill.KeyColumns, cancellationToken).ConfigureAwait(false);
                }
                catch (BackfillRefusedException refused)
                {
                    problems.Add(new PreflightProblem(CheckName, PreflightSeverity.Error, NoKey, id, refused.Message,
                        "Give the table a primary key in an earlier migration, or pass keyColumns: a NOT NULL key with a unique index over exactly its columns."));
                }
            }

            return problems;
        }, cancellationToken).ConfigureAwait(false);
    }
}
