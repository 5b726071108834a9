namespace EfSafeMigrations;

/// <summary>
/// Renames a column, or changes its type, without downtime: the expand adds <see cref="NewName"/> beside <see cref="Name"/>,
/// a trigger keeps both written in both directions (<see cref="Up"/> computes the new value from the old, <see cref="Down"/>
/// the old from the new), and a batched backfill fills the existing rows. The contract drops the trigger and the old column
/// and finishes the new one (<see cref="IsNullable"/>, <see cref="DefaultValueSql"/>). Written with
/// <c>migrationBuilder.ExpandRenameColumn</c>/<c>ExpandColumnType</c> and their <c>Contract</c>/<c>UndoExpand</c> forms.
/// </summary>
public sealed class ExpandColumnOperation : ExpansionOperation
{
    /// <summary>The old column.</summary>
    public string Name { get; set; } = null!;

    /// <summary>The new column.</summary>
    public string NewName { get; set; } = null!;

    /// <summary>The new column's store type, for example <c>text</c> or <c>bigint</c>.</summary>
    public string StoreType { get; set; } = null!;

    /// <summary>The old column's store type, when it differs (a type change); <see langword="null"/>: a rename.</summary>
    public string? OldStoreType { get; set; }

    /// <summary>Whether the new column stays nullable; <see langword="false"/>: the contract makes it NOT NULL (without a long lock).</summary>
    public bool IsNullable { get; set; }

    /// <summary>The new column's default, set by the contract; <see langword="null"/>: none.</summary>
    public string? DefaultValueSql { get; set; }

    /// <summary>
    /// The new value from the old: a SQL expression over the old column only, for example <c>round(price * 100)::bigint</c>;
    /// <see langword="null"/>: the old column (cast to <see cref="StoreType"/> for a type change).
    /// </summary>
    public string? Up { get; set; }

    /// <summary>
    /// The old value from the new: a SQL expression over the new column only; <see langword="null"/>: the new column (cast to
    /// <see cref="OldStoreType"/> for a type change).
    /// </summary>
    public string? Down { get; set; }

    /// <summary>Rows per backfill batch.</summary>
    public int BatchSize { get; set; } = BackfillDefaults.BatchSize;

    /// <summary>Whether this changes the type (not only the name).</summary>
    public bool ChangesType => OldStoreType is not null && !string.Equals(OldStoreType, StoreType, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string Describe()
        => ChangesType
            ? $"change column {Qualified(Table)}.{Name} ({OldStoreType}) to {NewName} ({StoreType})"
            : $"rename column {Qualified(Table)}.{Name} to {NewName}";
}
