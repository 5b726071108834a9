using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Before a contract drops a column: views and other tables' foreign keys that still use it would make the DROP COLUMN fail
/// in the middle of the post-deployment run, so they stop it before anything of it runs, named.
/// </summary>
internal static class ContractChecks
{
    public static async Task<IReadOnlyList<ExpansionProblem>> RunAsync(
        NpgsqlConnection connection, ISqlGenerationHelper sql, ExpansionOperation operation, CancellationToken cancellationToken)
    {
        var column = operation switch
        {
            ExpandColumnOperation c => c.Name,
            RetireColumnOperation r => r.Name,
            _ => null,
        };
        if (column is null)
        {
            return [];
        }

        var table = sql.DelimitIdentifier(operation.Table, operation.Schema);
        var dependents = await ExpansionCatalog.DependentsAsync(connection, table, column, cancellationToken).ConfigureAwait(false);
        return dependents.Count == 0
            ? []
            :
            [
                ExpansionProblem.Error(ExpansionProblemCodes.Dependents,
                    $"{string.Join(", ", dependents)} still use(s) {table}.{column}, so it cannot be dropped.",
                    "Move them to the new column (or drop them) in a migration before this one, then run the post-deployment migrations again."),
            ];
    }
}
