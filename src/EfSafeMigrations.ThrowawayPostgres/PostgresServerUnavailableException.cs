namespace EfSafeMigrations.ThrowawayPostgres;

/// <summary>Thrown when no PostgreSQL server could be found or started; the message says how to get one.</summary>
public sealed class PostgresServerUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgresServerUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
