using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Creates a missing database as EF's <c>Migrate()</c> does, but safely when several migrators start at once
/// (before any of them can take the migration lock, which lives in that very database): the one whose
/// <c>CREATE DATABASE</c> loses the race gets <c>42P04 duplicate_database</c> (or, when both passed the name check,
/// a unique violation on <c>pg_database</c>), which means the database now exists.
/// </summary>
internal static class DatabaseCreation
{
    public static async Task EnsureExistsAsync(IRelationalDatabaseCreator creator, CancellationToken cancellationToken)
    {
        if (await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (CreatedByAnother(exception))
        {
            // Another migrator created it first: what this one wanted.
        }
    }

    /// <summary>The database was missing when the run started (the fast path's first connection failed on it).</summary>
    public static bool IsMissingDatabase(Exception exception)
        => Find(exception) is { SqlState: PostgresErrorCodes.InvalidCatalogName };

    private static bool CreatedByAnother(Exception exception)
        => Find(exception) is { SqlState: PostgresErrorCodes.DuplicateDatabase }
            or { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pg_database_datname_index" };

    private static PostgresException? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
