namespace EfSafeMigrations;

/// <summary>
/// Drops a column the safe way: "stop using it first". The expand (retire) keeps the column in the database while the new
/// version of the application no longer maps it; a NOT NULL column without a default gets <see cref="DefaultValueSql"/> so
/// the new version's inserts succeed (and the old version, if rolled back to, reads a value). The contract drops it once no
/// old version runs. Scaffolded when a mapped column disappears from the model with expand/contract on; written with
/// <c>migrationBuilder.RetireColumn</c>, <c>UndoRetireColumn</c> and <c>DropRetiredColumn</c>.
/// </summary>
public sealed class RetireColumnOperation : ExpansionOperation
{
    /// <summary>The column.</summary>
    public string Name { get; set; } = null!;

    /// <summary>The default set while it is retired; <see langword="null"/>: left as is.</summary>
    public string? DefaultValueSql { get; set; }

    /// <summary>The default it had, put back by the undo; <see langword="null"/>: none.</summary>
    public string? OldDefaultValueSql { get; set; }

    /// <inheritdoc />
    public override string Describe() => $"retire column {Qualified(Table)}.{Name}";
}
