namespace EfSafeMigrations;

/// <summary>
/// Read after a run that changed something (docs/deployment.md#verification): what the schemas the run's migrations touched
/// contain, and the objects PostgreSQL does not use yet, which a failed concurrent build or an unvalidated constraint leaves.
/// </summary>
/// <param name="Schemas">The schemas counted: those the migrations named, or the current schema.</param>
/// <param name="Tables">Tables (partitioned ones and partitions included).</param>
/// <param name="Indexes">Indexes.</param>
/// <param name="InvalidIndexes">Indexes PostgreSQL marks INVALID (<c>schema.index</c>): unused by queries, still maintained on writes.</param>
/// <param name="NotValidConstraints">Constraints still NOT VALID (<c>schema.table.constraint</c>): existing rows unchecked.</param>
public sealed record VerificationSummary(
    IReadOnlyList<string> Schemas, int Tables, int Indexes, IReadOnlyList<string> InvalidIndexes, IReadOnlyList<string> NotValidConstraints)
{
    /// <summary>Whether every index is valid and every constraint validated.</summary>
    public bool Clean => InvalidIndexes.Count == 0 && NotValidConstraints.Count == 0;

    /// <inheritdoc />
    public override string ToString()
        => $"{Tables} table(s), {Indexes} index(es) in {string.Join(", ", Schemas)}; " +
           (Clean ? "no invalid index, no NOT VALID constraint"
               : $"invalid indexes: {(InvalidIndexes.Count == 0 ? "none" : string.Join(", ", InvalidIndexes))}; " +
                 $"NOT VALID constraints: {(NotValidConstraints.Count == 0 ? "none" : string.Join(", ", NotValidConstraints))}");
}
