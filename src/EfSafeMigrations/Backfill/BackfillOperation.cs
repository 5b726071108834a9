using EfSafeMigrations.Backfill.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations;

/// <summary>
/// A batched data migration: rows of <see cref="Table"/> walked in keyset batches over the primary key (or
/// <see cref="KeyColumns"/>), each batch updated and committed in its own short transaction, checkpointed in the
/// journal, throttled. Written with <c>migrationBuilder.Backfill(...)</c>; never scaffolded. Runs outside the
/// migration's transaction as a step of its own (docs/backfill.md).
/// </summary>
public sealed class BackfillOperation : MigrationOperation, ITableMigrationOperation
{
    /// <summary>The table to walk.</summary>
    public string Table { get; set; } = null!;

    /// <summary>Its schema; <see langword="null"/>: the search path's.</summary>
    public string? Schema { get; set; }

    /// <summary>
    /// The SQL form: the <c>SET</c> list of the update (for example <c>first_name = split_part(name, ' ', 1)</c>);
    /// <see langword="null"/> for the typed C# form.
    /// </summary>
    public string? Set { get; set; }

    /// <summary>Which rows of a batch to change (a SQL condition); <see langword="null"/>: every row.</summary>
    public string? Where { get; set; }

    /// <summary>The key the batches walk; <see langword="null"/>: the primary key. Must be NOT NULL and unique.</summary>
    public string[]? KeyColumns { get; set; }

    /// <summary>Rows per batch (per transaction).</summary>
    public int BatchSize { get; set; } = BackfillDefaults.BatchSize;

    /// <summary>Pause after each batch.</summary>
    public TimeSpan Pause { get; set; }

    /// <summary>The most rows per second to walk; <see langword="null"/>: no limit beyond <see cref="Pause"/>.</summary>
    public int? MaxRowsPerSecond { get; set; }

    /// <summary>
    /// Wait before the next batch while a standby's <c>replay_lag</c> (<c>pg_stat_replication</c> on the primary) is
    /// above this; <see langword="null"/>: <see cref="BackfillDefaults.MaxReplicationLag"/>; <see cref="TimeSpan.Zero"/>: not checked.
    /// </summary>
    public TimeSpan? MaxReplicationLag { get; set; }

    /// <summary>The typed C# form: the name of its row type (what the checksum sees of it); <see langword="null"/> for the SQL form.</summary>
    public string? RowType { get; set; }

    /// <summary>The typed C# form: the columns its row type reads and writes back.</summary>
    public string[]? RowColumns { get; set; }

    /// <summary>The typed C# form's code (not serialisable: the checksum covers <see cref="RowType"/> and <see cref="RowColumns"/>).</summary>
    internal TypedBackfill? Typed { get; set; }
}

/// <summary>Defaults of <see cref="BackfillOperation"/>.</summary>
public static class BackfillDefaults
{
    /// <summary>Rows per batch unless the migration says otherwise.</summary>
    public const int BatchSize = 1000;

    /// <summary>Replication lag above which the next batch waits.</summary>
    public static readonly TimeSpan MaxReplicationLag = TimeSpan.FromSeconds(10);
}
