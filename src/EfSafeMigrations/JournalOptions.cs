namespace EfSafeMigrations;

/// <summary>The migration journal: file beside the migrations, database table, verification before applying.</summary>
public sealed class JournalOptions
{
    /// <summary>
    /// Whether <c>MigrateSafelyAsync</c> verifies the journal file and the database journal against the
    /// compiled migrations before applying anything. Default: on.
    /// </summary>
    public bool Verify { get; set; } = true;

    /// <summary>
    /// Read the journal from this file instead of the copy the package's build targets embed in the
    /// migrations assembly (for example when the targets are turned off). Default: the embedded copy.
    /// </summary>
    public string? FilePath { get; set; }

    /// <summary>
    /// Whether a missing journal file stops <c>MigrateSafelyAsync</c> (an error) rather than being
    /// reported (a warning). Default: a warning, so that a project can install the package and apply
    /// before its next <c>migrations add</c> creates the file.
    /// </summary>
    public bool RequireFile { get; set; }
}
