using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using static EfSafeMigrations.ExpandContract.Internal.ExpansionProblemCodes;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Before a contract: all contracts of the run are checked before any of them runs, since one that fails half-way would leave
/// the others committed. Refused: a contract whose expand is not open here (its trigger is missing: the expand never ran, or the
/// contract's arguments name another change), an old column whose indexes and constraints the new column lacks (dropping it
/// would silently lose them), and views, triggers, functions and foreign keys that still use the old column (DROP COLUMN would
/// fail).
/// </summary>
internal static class ContractChecks
{
    public static async Task<IReadOnlyList<ExpansionProblem>> RunAsync(
        NpgsqlConnection connection, ISqlGenerationHelper sql, ExpansionOperation operation, bool expandedInThisRun, CancellationToken cancellationToken)
    {
        var table = sql.DelimitIdentifier(operation.Table, operation.Schema);
        if (expandedInThisRun || !await ExpansionCatalog.RelationExistsAsync(connection, table, cancellationToken).ConfigureAwait(false))
        {
            return []; // a fresh database, or the expand runs first in this run: nothing old to protect yet
        }

        if (operation is ExpandColumnOperation or ExpandRequiredOperation
            && !await ExpansionCatalog.HasTriggerAsync(connection, table, ExpansionNames.Of(operation).Function, cancellationToken).ConfigureAwait(false))
        {
            return
            [
                ExpansionProblem.Error(NotOpen, $"no open expansion of this change is on {table} (its trigger {ExpansionNames.Of(operation).Function} is missing).",
                    "Apply its expand first; if it was applied, make the contract name the same table and columns as the expand."),
            ];
        }

        var problems = new List<ExpansionProblem>();
        if (operation is ExpandColumnOperation column
            && await OldColumnDefinitions.MissingAsync(connection, table, column, cancellationToken).ConfigureAwait(false) is { Count: > 0 } missing)
        {
            problems.Add(ExpansionProblem.Error(NotCopied,
                $"{column.NewName} lacks the old column's indexes and constraints, which dropping {column.Name} would lose: {string.Join("; ", missing)}.",
                $"Create them on {column.NewName} in a migration before this one (CreateIndex is built concurrently), then run the post-deployment migrations again."));
        }

        var dropped = operation switch
        {
            ExpandColumnOperation c => c.Name,
            RetireColumnOperation r => r.Name,
            _ => null,
        };
        if (dropped is not null && await ExpansionCatalog.DependentsAsync(connection, table, dropped, cancellationToken).ConfigureAwait(false) is { Count: > 0 } dependents)
        {
            problems.Add(ExpansionProblem.Error(Dependents, $"{string.Join(", ", dependents)} still use(s) {table}.{dropped}, so it cannot be dropped.",
                "Move them to the new column (or drop them) in a migration before this one, then run the post-deployment migrations again."));
        }

        return problems;
    }
}
