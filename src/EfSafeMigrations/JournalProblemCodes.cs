namespace EfSafeMigrations;

/// <summary>
/// Stable codes of the problems the journal verification reports (in <c>PreflightProblem.Code</c> and
/// in <see cref="CheckResult"/>). Each is explained, with its fix, in docs/journal.md.
/// </summary>
public static class JournalProblemCodes
{
    /// <summary>The journal file cannot be read (bad JSON, merge conflict markers, missing field, newer format).</summary>
    public const string FileMalformed = "JOURNAL_FILE_MALFORMED";

    /// <summary>No journal file was found for a context that has migrations (a warning).</summary>
    public const string FileNotFound = "JOURNAL_FILE_NOT_FOUND";

    /// <summary>The journal file belongs to another context.</summary>
    public const string ContextMismatch = "JOURNAL_CONTEXT_MISMATCH";

    /// <summary>The file's checksums were computed with another canonical form.</summary>
    public const string AlgorithmChanged = "JOURNAL_ALGORITHM_CHANGED";

    /// <summary>The whole-file hash does not match its content: the file was edited by hand.</summary>
    public const string FileHashMismatch = "JOURNAL_FILE_HASH_MISMATCH";

    /// <summary>Two branches each added a migration on top of the same one, and both entries were kept.</summary>
    public const string BranchesMerged = "JOURNAL_BRANCHES_MERGED";

    /// <summary>An entry's chained hash does not follow from the entries before it.</summary>
    public const string ChainBroken = "JOURNAL_CHAIN_BROKEN";

    /// <summary>A compiled migration has no entry in the journal file.</summary>
    public const string MissingEntry = "JOURNAL_MISSING_ENTRY";

    /// <summary>The journal file lists a migration that is not compiled (deleted or renamed).</summary>
    public const string UnknownEntry = "JOURNAL_UNKNOWN_ENTRY";

    /// <summary>The journal file's order differs from the migrations' id order.</summary>
    public const string Reordered = "JOURNAL_REORDERED";

    /// <summary>A migration's operations differ from the ones recorded in the journal file.</summary>
    public const string Edited = "JOURNAL_EDITED";

    /// <summary>A migration's <c>[SafetyAssured]</c> rule ids differ from the journal's (information; refreshed by the next <c>migrations add</c>).</summary>
    public const string AssurancesChanged = "JOURNAL_ASSURANCES_CHANGED";

    /// <summary>A migration applied to the database has changed since it was applied.</summary>
    public const string AppliedEdited = "JOURNAL_APPLIED_EDITED";

    /// <summary>A pending migration sorts before one already applied (merged from a branch); it is applied by id (a warning).</summary>
    public const string OutOfOrder = "JOURNAL_OUT_OF_ORDER";

    /// <summary>The database has a migration applied that is not compiled into this application (a warning).</summary>
    public const string AppliedUnknown = "JOURNAL_APPLIED_UNKNOWN";

    /// <summary>Migrations applied by plain EF before EfSafeMigrations were adopted as a baseline (information).</summary>
    public const string Adopted = "JOURNAL_ADOPTED";
}
