using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Linting;

/// <summary>
/// The tables a database has before a run applies anything, by name in any schema (the linter tracks new tables by
/// name, so a name taken in any schema counts as existing). A table the run's migrations create is only exempt from
/// the lock and breaking-change rules when it is not among them: on a resumed run, a table an earlier attempt created
/// and committed may hold rows by now.
/// </summary>
internal static class TablesBeforeRun
{
    private const string Query = """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\_toast%'
        """;

    /// <summary>Reads them, opening the context's connection if it is closed; a database that does not exist yet has none.</summary>
    public static async Task<IReadOnlySet<string>> ReadAsync(DbContext context, CancellationToken cancellationToken)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        if (context.Database.GetDbConnection() is not NpgsqlConnection)
        {
            return tables;
        }

        try
        {
            await ContextConnection.UseAsync(context, async connection =>
            {
                await using var command = new NpgsqlCommand(Query, connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    tables.Add(reader.GetString(0));
                }

                return tables;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // A dry run against a database still to be created: nothing exists before the run.
        }

        return tables;
    }
}
