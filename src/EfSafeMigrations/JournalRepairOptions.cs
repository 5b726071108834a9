namespace EfSafeMigrations;

/// <summary>What <c>RepairJournalAsync</c> accepts (see docs/journal.md#repair).</summary>
public sealed class JournalRepairOptions
{
    /// <summary>
    /// The journal file (or its migrations folder) to rewrite from the compiled migrations: on a developer
    /// machine, for example <c>"Migrations"</c>. Null leaves files alone.
    /// </summary>
    public string? JournalFilePath { get; set; }

    /// <summary>
    /// Applied migrations whose edit is intended: the database journal records their current checksum.
    /// Only these are changed in the database; name each one on purpose.
    /// </summary>
    public IList<string> AcceptedMigrationIds { get; } = [];
}

/// <summary>What a repair changed.</summary>
/// <param name="FilePath">The journal file written, if any.</param>
/// <param name="Changes">One line per change (for example <c>accepted the edit of 20260101_Init</c>).</param>
public sealed record JournalRepairResult(string? FilePath, IReadOnlyList<string> Changes);
