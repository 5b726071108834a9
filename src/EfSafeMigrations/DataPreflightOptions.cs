namespace EfSafeMigrations;

/// <summary>
/// The data preflight: before <c>MigrateSafelyAsync</c> runs anything, it looks for the rows that would make a step of
/// the pending migrations fail (NULLs before <c>SET NOT NULL</c>, duplicates before a unique index, rows violating a
/// check or foreign key before it is validated, values too long or too large for a narrowed type) and stops with
/// nothing applied, naming counts and a few sample keys. See docs/execution.md, "Data preflight".
/// </summary>
public sealed class DataPreflightOptions
{
    private int _sampleSize = 5;

    /// <summary>Whether the data preflight runs. On by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Tables with more rows than this (the planner's estimate, <c>pg_class.reltuples</c>) are not checked: each check
    /// reads the table once. Default: 10,000,000. Null: check every table.
    /// </summary>
    public long? MaxTableRows { get; set; } = 10_000_000;

    /// <summary>The statement timeout of each check query; a check that takes longer is reported as not checked. Default: 30 s.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many sample keys a problem names. Default: 5 (1 to 100).</summary>
    public int SampleSize
    {
        get => _sampleSize;
        set => _sampleSize = value is >= 1 and <= 100
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "SampleSize is between 1 and 100.");
    }
}
