using EfSafeMigrations.Execution;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using static EfSafeMigrations.ExpandContract.Internal.ExpansionProblemCodes;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>The checks of one pending expand against the live database (see <see cref="ExpansionPreflightCheck"/>).</summary>
/// <param name="later">The operations after the expand in this run (where copies of the old column's indexes may be made).</param>
internal sealed partial class ExpandChecks(
    NpgsqlConnection connection, ISqlGenerationHelper sql, DataPreflightOptions data, IReadOnlyList<MigrationOperation> later, CancellationToken cancellationToken)
{
    public async Task<IReadOnlyList<ExpansionProblem>> RunAsync(ExpansionOperation operation)
    {
        var table = sql.DelimitIdentifier(operation.Table, operation.Schema);
        if (!await ExpansionCatalog.RelationExistsAsync(connection, table, cancellationToken).ConfigureAwait(false))
        {
            return []; // created by raw SQL earlier in the run, or missing: the step itself reports it
        }

        return operation switch
        {
            ExpandColumnOperation column => await ColumnAsync(column, table).ConfigureAwait(false),
            ExpandRequiredOperation required => await RequiredAsync(required, table).ConfigureAwait(false),
            ExpandTableRenameOperation rename => await TableRenameAsync(rename).ConfigureAwait(false),
            RetireColumnOperation retire => await RetireAsync(retire, table).ConfigureAwait(false),
            _ => [],
        };
    }

    private async Task<IReadOnlyList<ExpansionProblem>> ColumnAsync(ExpandColumnOperation operation, string table)
    {
        var actual = await ExpansionCatalog.ColumnTypeAsync(connection, table, operation.Name, cancellationToken).ConfigureAwait(false);
        if (actual is null)
        {
            return [Missing(table, operation.Name)];
        }

        var blocked = await KeyOrDependentsAsync(table, operation.Name).ConfigureAwait(false);
        if (blocked.Any(p => p.Severity == PreflightSeverity.Error))
        {
            return blocked;
        }

        if (await ExpansionCatalog.ColumnTypeAsync(connection, table, operation.NewName, cancellationToken).ConfigureAwait(false) is not null
            && !await ExpansionCatalog.HasTriggerAsync(connection, table, ExpansionNames.Of(operation).Function, cancellationToken).ConfigureAwait(false))
        {
            return
            [
                ExpansionProblem.Error(NameTaken, $"column {operation.NewName} already exists on {table}.",
                    $"Choose another new name, or drop {operation.NewName} in an earlier migration if it is unused."),
            ];
        }

        if (await DeclaredTypeAsync(operation, actual).ConfigureAwait(false) is { } wrongType)
        {
            return [wrongType];
        }

        var oldType = operation.OldStoreType ?? operation.StoreType;
        var expressions = new ColumnExpansionSql(operation, sql);
        var oldRow = $"(SELECT CAST(NULL AS {oldType}) AS {sql.DelimitIdentifier(operation.Name)}) AS esm_row";
        var newRow = $"(SELECT CAST(NULL AS {operation.StoreType}) AS {sql.DelimitIdentifier(operation.NewName)}) AS esm_row";
        foreach (var (direction, probe) in new[]
                 {
                     ("up", $"EXPLAIN SELECT CAST(({expressions.Up}) AS {operation.StoreType}) FROM {oldRow}"),
                     ("down", $"EXPLAIN SELECT CAST(({expressions.Down}) AS {oldType}) FROM {newRow}"),
                 })
        {
            if (await ErrorOfAsync(probe).ConfigureAwait(false) is { } error)
            {
                return
                [
                    ExpansionProblem.Error(NoConversion,
                        $"the {direction} conversion ({oldType} to {operation.StoreType}) does not work: {error}.",
                        "Give up/down expressions that convert between the two types (up over the old column only, down over the new one), " +
                        "for example up: \"round(price * 100)::bigint\", down: \"price_cents / 100.0\"."),
                ];
            }
        }

        var rows = operation.ChangesType || operation.Up is not null
            ? await ConvertibleAsync(table, $"SELECT count(CAST(({expressions.Up}) AS {operation.StoreType})) FROM {table}").ConfigureAwait(false)
            : [];
        var uncopied = (await OldColumnDefinitions.MissingAsync(connection, table, operation, cancellationToken).ConfigureAwait(false))
            .Where(d => !OldColumnDefinitions.CopiedLater(d, operation, later)).ToList();
        IReadOnlyList<ExpansionProblem> copies = uncopied.Count == 0
            ? []
            : [new ExpansionProblem(PreflightSeverity.Warning, NotCopied,
                $"the new column gets none of the old column's indexes and constraints, which its contract drops: {string.Join("; ", uncopied)}.",
                $"Add them on {operation.NewName} in this expand (after it: CreateIndex is built concurrently, AddForeignKey added NOT VALID and " +
                "validated) or in a migration before the contract; the contract refuses while they are missing.")];
        return [.. blocked, .. rows, .. copies];
    }

    /// <summary>The type the expand declares for the old column (a rename: its type; a type change: the old type) must be its real type.</summary>
    private async Task<ExpansionProblem?> DeclaredTypeAsync(ExpandColumnOperation operation, string actual)
    {
        var declared = operation.OldStoreType ?? operation.StoreType;
        var spelled = await ExpansionCatalog.SpellTypeAsync(connection, declared, cancellationToken).ConfigureAwait(false);
        return spelled is null || spelled == actual
            ? null
            : ExpansionProblem.Error(TypeMismatch,
                $"it declares {operation.Name} as {declared} ({spelled}), but the column is {actual}: the trigger would fail the old version's writes that do not fit.",
                $"Declare the column's real type ({actual}) as {(operation.OldStoreType is null ? "type" : "oldType")}.");
    }

    private async Task<IReadOnlyList<ExpansionProblem>> RetireAsync(RetireColumnOperation operation, string table)
        => await ExpansionCatalog.ColumnTypeAsync(connection, table, operation.Name, cancellationToken).ConfigureAwait(false) is null
            ? [Missing(table, operation.Name)]
            : await KeyOrDependentsAsync(table, operation.Name).ConfigureAwait(false);

    /// <summary>
    /// A primary key column cannot leave through a contract (dropping it would drop the key); views and foreign keys on the column
    /// keep working while expanded but would stop the contract's DROP COLUMN: said now, refused at the contract.
    /// </summary>
    private async Task<IReadOnlyList<ExpansionProblem>> KeyOrDependentsAsync(string table, string column)
    {
        if (await ExpansionCatalog.InPrimaryKeyAsync(connection, table, column, cancellationToken).ConfigureAwait(false))
        {
            return
            [
                ExpansionProblem.Error(InPrimaryKey, $"{column} is part of the primary key of {table}; its contract would drop the key.",
                    "Keep primary key columns as they are (rename them in a maintenance window with a plain RenameColumn), or add the new key first."),
            ];
        }

        var dependents = await ExpansionCatalog.DependentsAsync(connection, table, column, cancellationToken).ConfigureAwait(false);
        return dependents.Count == 0
            ? []
            : [new ExpansionProblem(PreflightSeverity.Warning, Dependents, $"{string.Join(", ", dependents)} use(s) {column}; the contract cannot drop it while they do.",
                $"Move them to the new shape (or drop them) in a migration before the contract.")];
    }

    private async Task<IReadOnlyList<ExpansionProblem>> RequiredAsync(ExpandRequiredOperation operation, string table)
    {
        var type = await ExpansionCatalog.ColumnTypeAsync(connection, table, operation.Name, cancellationToken).ConfigureAwait(false);
        if (type is null)
        {
            return [Missing(table, operation.Name)];
        }

        return await ErrorOfAsync($"EXPLAIN SELECT CAST(({operation.Fill}) AS {type})").ConfigureAwait(false) is { } error
            ? [ExpansionProblem.Error(NoConversion, $"the fill ({operation.Fill}) does not work as a {type}: {error}.",
                "Give a fill expression of the column's type that refers to no column (a constant or a function such as now()).")]
            : [];
    }

    private async Task<IReadOnlyList<ExpansionProblem>> TableRenameAsync(ExpandTableRenameOperation operation)
        => await ExpansionCatalog.RelationExistsAsync(connection, sql.DelimitIdentifier(operation.NewName, operation.Schema), cancellationToken).ConfigureAwait(false)
            ? [ExpansionProblem.Error(NameTaken, $"a table or view named {operation.NewName} already exists.", "Choose another new name.")]
            : [];

    private static ExpansionProblem Missing(string table, string column)
        => ExpansionProblem.Error(ColumnMissing, $"{table} has no column {column}.", "Check the column's name (as in the database, with its case).");

    /// <summary>Converts every row, read-only, within the data preflight's limits; a row that cannot convert is named by PostgreSQL's error.</summary>
    private async Task<IReadOnlyList<ExpansionProblem>> ConvertibleAsync(string table, string scan)
    {
        if (!data.Enabled || (data.MaxTableRows is { } max && await ExpansionCatalog.EstimatedRowsAsync(connection, table, cancellationToken).ConfigureAwait(false) > max))
        {
            return [];
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var setup = new NpgsqlCommand(
                         $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = '{(long)data.QueryTimeout.TotalMilliseconds}ms'", connection, transaction))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var command = new NpgsqlCommand(scan, connection, transaction);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return [];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            return
            [
                new ExpansionProblem(PreflightSeverity.Warning, RowsNotChecked,
                    $"converting every row of {table} took longer than the data preflight's {Format(data.QueryTimeout)}; not checked.",
                    "A row that cannot convert stops the backfill at its batch (resumable) and fails the old version's writes of such values: check the data first."),
            ];
        }
        catch (PostgresException e)
        {
            return
            [
                ExpansionProblem.Error(RowsNotConvertible, $"a row of {table} cannot be converted: {QuotedValue().Replace(e.MessageText, "\"…\"")} ({e.SqlState}).",
                    "Fix those rows in an earlier migration (or by hand), or give an up expression that handles them."),
            ];
        }
    }

    private async Task<string?> ErrorOfAsync(string probe)
    {
        try
        {
            await using var command = new NpgsqlCommand(probe, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (PostgresException e)
        {
            return e.MessageText;
        }
    }

    /// <summary>A value quoted in PostgreSQL's message: left out, so no row's data reaches a log or a report.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex QuotedValue();
}
