using Npgsql;

namespace EfSafeMigrations.Tenants;

/// <summary>
/// One database (or one schema of a database) to migrate: a tenant, a shard, a region.
/// </summary>
/// <param name="Name">How reports name it (a tenant id); unique within a run.</param>
/// <param name="ConnectionString">Where it is. Never written to a report: reports show host, port, database and schema.</param>
/// <param name="Schema">
/// For schema-per-tenant databases: the tenant's schema. The run creates it when missing, and the context factory
/// connects with <see cref="ScopedConnectionString"/>, whose search path starts with it: the tables, the migrations
/// history, the journal and the migration lock are then the tenant's own (see docs/tenants.md).
/// </param>
public sealed record TenantTarget(string Name, string ConnectionString, string? Schema = null)
{
    /// <summary>
    /// The connection string to build the target's context with: <see cref="ConnectionString"/>, with
    /// <c>Search Path</c> set to <see cref="Schema"/> when there is one.
    /// </summary>
    public string ScopedConnectionString => Schema is null
        ? ConnectionString
        : new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = QuotedSchema }.ConnectionString;

    // Search path entries are identifiers: quoted, a schema name keeps its case and may hold commas.
    internal string QuotedSchema => "\"" + Schema!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
