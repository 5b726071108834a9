using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;

namespace EfSafeMigrations.Linting;

/// <summary>
/// The tables a database has before a run applies anything, by name in any schema (the linter tracks new tables by
/// name, so a name taken in any schema counts as existing). A table the run's migrations create is only exempt from
/// the lock and breaking-change rules when it is not among them: on a resumed run, a table an earlier attempt created
/// and committed may hold rows by now. When the connection string sets a search path (a schema-per-tenant database),
/// only the schemas on it and those the migrations name count: other tenants' tables of the same names are not this
/// tenant's, and a fresh tenant schema is a fresh install.
/// </summary>
internal static class TablesBeforeRun
{
    private const string Query = """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\_toast%'
        """;

    private const string OnSearchPath = " AND (n.nspname = ANY (current_schemas(false)) OR n.nspname = ANY (@schemas))";

    /// <summary>Reads them, opening the context's connection if it is closed; a database that does not exist yet has none.</summary>
    /// <param name="context">The context whose database is read.</param>
    /// <param name="namedSchemas">Schemas the pending migrations name explicitly (read even when not on the search path).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<IReadOnlySet<string>> ReadAsync(DbContext context, IEnumerable<string> namedSchemas, CancellationToken cancellationToken)
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
                var tenantSchema = SearchPath.FirstSchema(connection.ConnectionString) is not null;
                await using var command = new NpgsqlCommand(tenantSchema ? Query + OnSearchPath : Query, connection);
                if (tenantSchema)
                {
                    command.Parameters.AddWithValue("schemas", namedSchemas.Distinct(StringComparer.Ordinal).ToArray());
                }

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

    /// <summary>The schemas <paramref name="operations"/> name explicitly (tables, renames, schemas ensured).</summary>
    public static IEnumerable<string> SchemasNamedBy(IEnumerable<MigrationOperation> operations)
        => operations.SelectMany(operation => operation switch
        {
            RenameTableOperation rename => [rename.Schema, rename.NewSchema],
            ITableMigrationOperation table => [table.Schema],
            EnsureSchemaOperation ensure => [ensure.Name],
            _ => Array.Empty<string?>(),
        }).OfType<string>();
}
