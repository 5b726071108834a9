namespace EfSafeMigrations;

/// <summary>
/// <c>MigrateSafelyAsync</c> stopped: a preflight check found an error, the migration lock could not be taken,
/// or a step failed (after its retries). The step that failed left nothing behind; the journal records which
/// steps completed, and the next run resumes after them. <see cref="DatabaseAccessException"/>: the server could not be
/// reached, or the role lacks a privilege the run needs.
/// </summary>
public class SafeMigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SafeMigrationException(string message, SafeMigrationReport report, Exception? innerException = null,
        string? migrationId = null, IReadOnlyList<BlockingSession>? blockers = null)
        : base(message, innerException)
    {
        Report = report;
        MigrationId = migrationId;
        Blockers = blockers ?? [];
    }

    /// <summary>What the run did before it stopped.</summary>
    public SafeMigrationReport Report { get; }

    /// <summary>The migration that failed, if one did.</summary>
    public string? MigrationId { get; }

    /// <summary>The sessions that held the lock the failed statement waited for, when it timed out waiting.</summary>
    public IReadOnlyList<BlockingSession> Blockers { get; }
}
