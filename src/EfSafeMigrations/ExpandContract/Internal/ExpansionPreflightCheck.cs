using System.Globalization;
using EfSafeMigrations.Execution;
using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Before anything of a run executes, the expansions it would apply are checked against the live database, so a change that
/// cannot work stops the run with nothing applied instead of half-way: a new column (or table) name already taken, a column that
/// does not exist, conversions PostgreSQL cannot make (checked by planning them) or rows they cannot convert (checked by a
/// read-only scan, within the data preflight's limits), and, before contracts, an old application version still writing
/// (its writes counted by the expansion's trigger over <see cref="ExpandContractOptions.OldWriterQuietPeriod"/>).
/// </summary>
internal sealed class ExpansionPreflightCheck : IMigrationPreflightCheck
{
    public const string CheckName = "expand-contract";

    public async Task<IReadOnlyList<PreflightProblem>> RunAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RevertedContracts(context) is { Count: > 0 } reverted)
        {
            return [.. reverted];
        }

        var pending = PendingOperations.OnExistingTables(context.PendingMigrations, o => o as ExpansionOperation);
        if (pending.Count == 0)
        {
            return [];
        }

        var sql = context.Context.GetService<ISqlGenerationHelper>();
        return await ContextConnection.UseAsync<IReadOnlyList<PreflightProblem>>(context.Context, async connection =>
        {
            var problems = new List<PreflightProblem>();
            foreach (var (id, operation) in pending.Where(p => p.Item.Stage == ExpansionStage.Expand))
            {
                var expand = new ExpandChecks(connection, sql, context.Options.DataPreflight, After(context.PendingMigrations, operation), cancellationToken);
                problems.AddRange((await expand.RunAsync(operation).ConfigureAwait(false))
                    .Select(p => new PreflightProblem(CheckName, p.Severity, p.Code, id, $"{operation.Describe()}: {p.Message}", p.Fix)));
            }

            var contracts = pending.Where(p => p.Item.Stage == ExpansionStage.Contract).ToList();
            foreach (var (id, operation) in contracts)
            {
                var expandedInThisRun = pending.TakeWhile(p => p.Item != operation).Any(p => p.Item.Stage == ExpansionStage.Expand && p.Item.SameChangeAs(operation));
                problems.AddRange((await ContractChecks.RunAsync(connection, sql, operation, expandedInThisRun, cancellationToken).ConfigureAwait(false))
                    .Select(p => new PreflightProblem(CheckName, p.Severity, p.Code, id, $"{operation.Describe()}: {p.Message}", p.Fix)));
            }

            if (contracts.Count > 0 && !context.DryRun && context.Options.ExpandContract.OldWriterQuietPeriod > TimeSpan.Zero)
            {
                problems.AddRange(await OldWriterCheck.RunAsync(connection, sql, contracts, context.Options.ExpandContract.OldWriterQuietPeriod, cancellationToken)
                    .ConfigureAwait(false));
            }

            return problems;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A run that reverts a migration holding contracts: the old shape is gone, and the expand's undo that would follow has only the
    /// new column left to drop. Refused before anything is reverted (the contract's own Down is empty by design).
    /// </summary>
    private static List<PreflightProblem> RevertedContracts(PreflightContext context)
    {
        if (context.TargetMigration is not { } target || context.AppliedMigrationIds.Count == 0)
        {
            return [];
        }

        var targetId = target == "0"
            ? string.Empty
            : context.AllMigrations.Select(m => m.Id).FirstOrDefault(id => id == target || id.EndsWith("_" + target, StringComparison.Ordinal));
        if (targetId is null)
        {
            return [];
        }

        return
        [
            .. context.AllMigrations
                .Where(m => string.CompareOrdinal(m.Id, targetId) > 0 && context.AppliedMigrationIds.Contains(m.Id))
                .SelectMany(m => PostDeployment.Contracts(m.Migration).Select(c => new PreflightProblem(CheckName, PreflightSeverity.Error,
                    ExpansionProblemCodes.ContractReverted, m.Id,
                    $"{c.Describe()}: this run would revert its contract, which cannot be undone (the old shape and its data are gone).",
                    $"Choose a target at or after {m.Id}; roll the application back instead, or restore the old shape in a new migration."))),
        ];
    }

    /// <summary>The pending operations after <paramref name="operation"/>, across the run's migrations.</summary>
    private static List<MigrationOperation> After(IReadOnlyList<(string Id, Migration Migration)> pending, MigrationOperation operation)
        => [.. pending.SelectMany(p => p.Migration.UpOperations).SkipWhile(o => o != operation).Skip(1)];
}

/// <summary>A problem of one expansion, before it is tied to its migration.</summary>
internal sealed record ExpansionProblem(PreflightSeverity Severity, string Code, string Message, string Fix)
{
    public static ExpansionProblem Error(string code, string message, string fix) => new(PreflightSeverity.Error, code, message, fix);
}

/// <summary>The codes of the expansion preflight's problems.</summary>
internal static class ExpansionProblemCodes
{
    public const string ColumnMissing = "ExpansionColumnMissing";
    public const string NameTaken = "ExpansionNameTaken";
    public const string NoConversion = "ExpansionNoConversion";
    public const string RowsNotConvertible = "ExpansionRowsNotConvertible";
    public const string RowsNotChecked = "ExpansionRowsNotChecked";
    public const string OldVersionWrites = "ExpansionOldVersionWrites";
    public const string InPrimaryKey = "ExpansionPrimaryKeyColumn";
    public const string Dependents = "ExpansionColumnInUse";
    public const string TypeMismatch = "ExpansionTypeMismatch";
    public const string NotCopied = "ExpansionIndexesNotCopied";
    public const string NotOpen = "ExpansionNotOpen";
    public const string ContractReverted = "ExpansionContractReverted";

    public static string Format(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
