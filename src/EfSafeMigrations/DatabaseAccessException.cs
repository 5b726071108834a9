namespace EfSafeMigrations;

/// <summary>Why <c>MigrateSafelyAsync</c> could not use the database at all.</summary>
public enum DatabaseAccessProblem
{
    /// <summary>The server could not be reached (nothing listens, the host does not resolve, a timeout) or accepts no connections now.</summary>
    ServerUnreachable,

    /// <summary>The server refused the login (user name, password, pg_hba.conf).</summary>
    LoginRefused,

    /// <summary>The database does not exist and the role may not create it (it lacks <c>CREATEDB</c>).</summary>
    CannotCreateDatabase,

    /// <summary>The role lacks a privilege a migration or the migration tables need (for example <c>CREATE</c> on the schema).</summary>
    MissingPrivilege,
}

/// <summary>
/// <c>MigrateSafelyAsync</c> could not reach the server, log in, create the database, or create objects where it
/// needs to. The message names the host and port (never the password) and the missing grant; <see cref="Fix"/>
/// says what to do. Nothing of a migration was applied by the statement that failed.
/// </summary>
public sealed class DatabaseAccessException : SafeMigrationException
{
    /// <summary>Creates the exception.</summary>
    public DatabaseAccessException(
        DatabaseAccessProblem problem, string message, string fix, SafeMigrationReport report, Exception? innerException = null, string? migrationId = null)
        : base(message + " Fix: " + fix, report, innerException, migrationId)
    {
        Problem = problem;
        Summary = message;
        Fix = fix;
    }

    /// <summary>What went wrong.</summary>
    public DatabaseAccessProblem Problem { get; }

    /// <summary>The message without the fix.</summary>
    public string Summary { get; }

    /// <summary>What to do about it: the grant to give, or the setting to correct.</summary>
    public string Fix { get; }
}
