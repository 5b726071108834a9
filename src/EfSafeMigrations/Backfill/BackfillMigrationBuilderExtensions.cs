using EfSafeMigrations;
using EfSafeMigrations.Backfill.Internal;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Batched data migrations (docs/backfill.md): <c>migrationBuilder.Backfill(...)</c> walks a table in keyset batches,
/// each its own short transaction, checkpointed in the journal, throttled, outside the migration's DDL transaction.
/// </summary>
public static class BackfillMigrationBuilderExtensions
{
    /// <summary>
    /// Updates the rows of <paramref name="table"/> matching <paramref name="where"/> with <paramref name="set"/>, in batches.
    /// </summary>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="table">The table.</param>
    /// <param name="set">The <c>SET</c> list, for example <c>first_name = split_part(name, ' ', 1)</c>.</param>
    /// <param name="where">Which rows to change (a SQL condition); null: all. Make it exclude rows already done when the
    /// migration may also run as a script or through plain <c>Migrate()</c> (no checkpoints there).</param>
    /// <param name="schema">The table's schema; null: the search path's.</param>
    /// <param name="batchSize">Rows per batch (per transaction).</param>
    /// <param name="pause">Rest after each batch.</param>
    /// <param name="maxRowsPerSecond">Most rows walked per second; null: no limit.</param>
    /// <param name="maxReplicationLag">Wait while a standby replays more than this behind; null: 10 s; zero: not checked.</param>
    /// <param name="keyColumns">The key to walk; null: the primary key. Must be NOT NULL with a unique index over exactly these columns.</param>
    public static OperationBuilder<BackfillOperation> Backfill(
        this MigrationBuilder migrationBuilder, string table, string set, string? where = null, string? schema = null,
        int batchSize = BackfillDefaults.BatchSize, TimeSpan? pause = null, int? maxRowsPerSecond = null, TimeSpan? maxReplicationLag = null,
        string[]? keyColumns = null)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(set);
        var operation = Create(table, where, schema, batchSize, pause, maxRowsPerSecond, maxReplicationLag, keyColumns);
        operation.Set = set;
        return Add(migrationBuilder, operation);
    }

    /// <summary>
    /// The typed C# form, for changes SQL cannot express: each batch's rows are read into <typeparamref name="TRow"/> (its
    /// properties are columns, named by <c>[Column]</c> or as the property), passed to <paramref name="transform"/>, and the
    /// columns it changed are written back in the batch's transaction. Return null to leave a row. Runs only under
    /// <c>MigrateSafelyAsync</c> (a script or plain <c>Migrate()</c> stops at it with an error).
    /// </summary>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="table">The table.</param>
    /// <param name="transform">The new values of a row (for a record: <c>row with { ... }</c>); null: leave the row.</param>
    /// <param name="where">Which rows to pass to <paramref name="transform"/> (a SQL condition); null: all.</param>
    /// <param name="schema">The table's schema; null: the search path's.</param>
    /// <param name="batchSize">Rows per batch (per transaction).</param>
    /// <param name="pause">Rest after each batch.</param>
    /// <param name="maxRowsPerSecond">Most rows walked per second; null: no limit.</param>
    /// <param name="maxReplicationLag">Wait while a standby replays more than this behind; null: 10 s; zero: not checked.</param>
    /// <param name="keyColumns">The key to walk; null: the primary key.</param>
    public static OperationBuilder<BackfillOperation> Backfill<TRow>(
        this MigrationBuilder migrationBuilder, string table, Func<TRow, TRow?> transform, string? where = null, string? schema = null,
        int batchSize = BackfillDefaults.BatchSize, TimeSpan? pause = null, int? maxRowsPerSecond = null, TimeSpan? maxReplicationLag = null,
        string[]? keyColumns = null)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentNullException.ThrowIfNull(transform);
        TypedBackfill<TRow>.Validate();
        var typed = new TypedBackfill<TRow>(transform);
        var operation = Create(table, where, schema, batchSize, pause, maxRowsPerSecond, maxReplicationLag, keyColumns);
        operation.Typed = typed;
        operation.RowType = typed.RowTypeName;
        operation.RowColumns = [.. typed.Columns];
        return Add(migrationBuilder, operation);
    }

    private static BackfillOperation Create(
        string table, string? where, string? schema, int batchSize, TimeSpan? pause, int? maxRowsPerSecond, TimeSpan? maxReplicationLag,
        string[]? keyColumns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (maxRowsPerSecond is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRowsPerSecond), "At least 1 row per second, or null for no limit.");
        }

        return new BackfillOperation
        {
            Table = table,
            Schema = schema,
            Where = string.IsNullOrWhiteSpace(where) ? null : where,
            BatchSize = batchSize,
            Pause = pause ?? TimeSpan.Zero,
            MaxRowsPerSecond = maxRowsPerSecond,
            MaxReplicationLag = maxReplicationLag,
            KeyColumns = keyColumns is { Length: > 0 } ? keyColumns : null,
        };
    }

    private static OperationBuilder<BackfillOperation> Add(MigrationBuilder migrationBuilder, BackfillOperation operation)
    {
        migrationBuilder.Operations.Add(operation);
        return new OperationBuilder<BackfillOperation>(operation);
    }
}
