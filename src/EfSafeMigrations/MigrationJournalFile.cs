namespace EfSafeMigrations;

/// <summary>The journal file kept beside a context's migrations (see docs/journal.md).</summary>
public static class MigrationJournalFile
{
    /// <summary>The file's name, in the migrations folder: <c>efsafe.journal.json</c>.</summary>
    public const string FileName = "efsafe.journal.json";

    /// <summary>
    /// Prefix of the embedded-resource name under which the package's build targets embed each journal
    /// file into the user's assembly (followed by the file's folder relative to the project, with '/').
    /// </summary>
    public const string ResourcePrefix = "EfSafeMigrations.Journal/";
}
