using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations;

/// <summary>Which half of an expand/contract change an <see cref="ExpansionOperation"/> is (docs/expand-contract.md).</summary>
public enum ExpansionStage
{
    /// <summary>
    /// The pre-deployment half: adds the new shape beside the old one, keeps both written (a trigger or a view) and backfills,
    /// so the old and the new version of the application both read and write correctly.
    /// </summary>
    Expand,

    /// <summary>
    /// The post-deployment half, once no old version runs: removes the old shape and what kept it in sync, and finishes the
    /// new one (NOT NULL, default). A migration holding a contract is a post-deployment migration.
    /// </summary>
    Contract,

    /// <summary>The Down of an expand: removes what the expand added; the old shape was kept written, so no data is lost.</summary>
    UndoExpand,
}

/// <summary>
/// One zero-downtime change in two halves (<see cref="ExpansionStage"/>): rename a column (<see cref="ExpandColumnOperation"/>),
/// change its type (the same, with conversions), make it required (<see cref="ExpandRequiredOperation"/>), rename a table
/// (<see cref="ExpandTableRenameOperation"/>), or retire a column before dropping it (<see cref="RetireColumnOperation"/>).
/// The expand and its contract carry the same description, which is how the contract is found and scaffolded.
/// </summary>
public abstract class ExpansionOperation : MigrationOperation, ITableMigrationOperation
{
    /// <summary>The table (for a table rename: its old name).</summary>
    public string Table { get; set; } = null!;

    /// <summary>Its schema; <see langword="null"/>: the search path's.</summary>
    public string? Schema { get; set; }

    /// <summary>Which half this is.</summary>
    public ExpansionStage Stage { get; set; }

    /// <summary>What changes, for messages, status and scaffolding, for example <c>rename column users.email to email_address</c>.</summary>
    public abstract string Describe();

    /// <summary>The same change, as another half (what the contract of this expand is, for example); annotations are copied, not shared.</summary>
    public ExpansionOperation AsStage(ExpansionStage stage)
    {
        var copy = (ExpansionOperation)Activator.CreateInstance(GetType())!;
        foreach (var property in GetType().GetProperties().Where(p => p is { CanRead: true, CanWrite: true } && p.GetIndexParameters().Length == 0))
        {
            property.SetValue(copy, property.GetValue(this));
        }

        copy.AddAnnotations(GetAnnotations());
        copy.Stage = stage;
        return copy;
    }

    /// <summary>Whether <paramref name="other"/> is the same change (any half): same kind, table and columns (types may be spelled differently).</summary>
    public bool SameChangeAs(ExpansionOperation other) => other is not null && ExpansionNames.SameChange(this, other);

    private protected string Qualified(string table) => Schema is null ? table : $"{Schema}.{table}";
}
