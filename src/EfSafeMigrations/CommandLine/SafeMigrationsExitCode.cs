namespace EfSafeMigrations;

/// <summary>
/// Exit codes of the EfSafeMigrations commands (<c>SafeMigrationsCommandLine</c>). Each outcome a CI pipeline
/// may want to react to has its own code; the numbers are stable across versions.
/// </summary>
public enum SafeMigrationsExitCode
{
    /// <summary>The command did what it was asked (for <c>check</c>: no drift; for <c>lint</c>: no error).</summary>
    Success = 0,

    /// <summary>An unexpected error; the message says what happened.</summary>
    Error = 1,

    /// <summary>The command line was wrong: unknown command or option, missing or invalid value.</summary>
    UsageError = 2,

    /// <summary><c>lint</c> (or <c>migrate</c>'s lint gate) found at least one error-severity finding.</summary>
    LintErrors = 3,

    /// <summary><c>check</c> found drift between the migrations, the model snapshot, the model and the database.</summary>
    DriftDetected = 4,

    /// <summary>The PostgreSQL server could not be reached or refused the login.</summary>
    ServerUnreachable = 5,

    /// <summary>The migration journal disagrees with the migrations (edited, missing or reordered) or is damaged.</summary>
    JournalProblem = 6,

    /// <summary>A migration step failed (after its retries) or the migration lock could not be taken.</summary>
    MigrationFailed = 7,

    /// <summary><c>push</c> refused its plan: data loss not allowed, a change push cannot make, or migration history.</summary>
    PushRefused = 8,

    /// <summary>The command exists in the command list but is not available in this version of the library yet.</summary>
    NotAvailable = 9,

    /// <summary><c>status --fail-on-pending</c>: migrations are waiting to be applied.</summary>
    PendingMigrations = 10,

    /// <summary>
    /// The role lacks a privilege the run needs: <c>CREATEDB</c> for a database that does not exist yet, or a grant such as
    /// <c>CREATE</c> on a schema. The message names the missing grant and the command that gives it.
    /// </summary>
    MissingPrivilege = 11,

    /// <summary>
    /// A run over many tenant databases finished with targets that failed or were not run (the failure policy stopped
    /// it): the report lists each with its error and where it stands; the others were migrated.
    /// </summary>
    TargetsFailed = 12,

    /// <summary>
    /// Stopped by SIGTERM (Kubernetes, systemd): the running statement was cancelled on the server and the command
    /// stopped cleanly (128 + 15, the code of a process SIGTERM ends). <c>migrate</c> resumes on its next run.
    /// </summary>
    Terminated = 143,
}
