using EfSafeMigrations.Execution;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Before contracts run: is an old application version still writing? Each column and required expansion's trigger counts the
/// writes only the old version makes (the old column written, a NULL written into a column being made required) in a sequence.
/// The counters are read, the quiet period waited out once for all, and read again: any count that moved stops the run before
/// anything of it runs. A table rename's view has no trigger; its readers are the operator's to check (docs/expand-contract.md).
/// </summary>
internal static class OldWriterCheck
{
    public static async Task<IReadOnlyList<PreflightProblem>> RunAsync(
        NpgsqlConnection connection, ISqlGenerationHelper sql, IReadOnlyList<(string Id, ExpansionOperation Operation)> contracts, TimeSpan quietPeriod,
        CancellationToken cancellationToken)
    {
        var watched = new List<(string Id, ExpansionOperation Operation, string Table, string Counter, long Before)>();
        foreach (var (id, operation) in contracts.Where(c => c.Operation is ExpandColumnOperation or ExpandRequiredOperation))
        {
            var table = sql.DelimitIdentifier(operation.Table, operation.Schema);
            var counter = ExpansionNames.Of(operation).Counter;
            if (await ExpansionCatalog.OldWritesAsync(connection, table, counter, cancellationToken).ConfigureAwait(false) is { } before)
            {
                watched.Add((id, operation, table, counter, before));
            }
        }

        if (watched.Count == 0)
        {
            return [];
        }

        await Task.Delay(quietPeriod, cancellationToken).ConfigureAwait(false);
        var problems = new List<PreflightProblem>();
        foreach (var (id, operation, table, counter, before) in watched)
        {
            var after = await ExpansionCatalog.OldWritesAsync(connection, table, counter, cancellationToken).ConfigureAwait(false) ?? before;
            if (after > before)
            {
                problems.Add(new PreflightProblem(ExpansionPreflightCheck.CheckName, PreflightSeverity.Error, ExpansionProblemCodes.OldVersionWrites, id,
                    $"{operation.Describe()}: an old application version still writes: the expansion's trigger counted {after - before} old-version " +
                    $"write(s) in the last {ExpansionProblemCodes.Format(quietPeriod)}. The contract would break it.",
                    "Finish the rollout (no instance of the old version left, including workers and scheduled jobs), then run the post-deployment " +
                    "migrations again. Set ExpandContract.OldWriterQuietPeriod to zero to skip this check."));
            }
        }

        return problems;
    }
}
