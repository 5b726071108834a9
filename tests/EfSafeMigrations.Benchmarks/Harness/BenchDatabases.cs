using System.Globalization;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>
/// Databases for the benchmark: a template filled once (the slow part), then a cheap file-level clone
/// per measured run, so plain EF and EfSafeMigrations start from byte-identical data. Everything is
/// owned by one non-superuser role, as in production.
/// </summary>
public sealed class BenchDatabases(IPostgresServer server)
{
    public const string Role = "esm_bench";
    private int _clones;

    private string Admin(string database = "postgres")
        => new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = database, Pooling = false }.ConnectionString;

    /// <summary>The role's connection string for <paramref name="database"/>.</summary>
    public string App(string database) => new NpgsqlConnectionStringBuilder(server.AdminConnectionString)
    {
        Database = database,
        Username = Role,
        Password = "bench",
        // Pooled, as applications run: start-up cost is measured the way an app pays it.
        CommandTimeout = 0,
    }.ConnectionString;

    /// <summary>Creates the role and an empty database owned by it, and runs <paramref name="setupSql"/> in it as the role.</summary>
    public async Task<string> CreateAsync(string name, string setupSql)
    {
        await ExecuteAsync(Admin(), $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Role}') THEN
                CREATE ROLE {Role} LOGIN PASSWORD 'bench' NOSUPERUSER NOCREATEDB NOCREATEROLE;
              END IF;
            END $$;
            """);
        await ExecuteAsync(Admin(), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await ExecuteAsync(Admin(), $"CREATE DATABASE {name} OWNER {Role}");
        await ExecuteAsync(App(name), setupSql);
        await ExecuteAsync(App(name), "VACUUM ANALYZE"); // not inside the setup batch: VACUUM refuses to run in one
        return name;
    }

    /// <summary>A byte-for-byte copy of <paramref name="template"/>.</summary>
    public Task<string> CloneAsync(string template)
        => CopyAsync(template, $"{template}_run{Interlocked.Increment(ref _clones).ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A copy of <paramref name="template"/> named <paramref name="name"/>, to prepare another template from.</summary>
    public async Task<string> CopyAsync(string template, string name)
    {
        await ExecuteAsync(Admin(), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await ExecuteAsync(Admin(), $"CREATE DATABASE {name} TEMPLATE {template} OWNER {Role}");
        return name;
    }

    /// <summary>A server-wide CHECKPOINT (as the admin role), so that a run does not inherit one due to earlier writes.</summary>
    public Task CheckpointAsync() => ExecuteAsync(Admin(), "CHECKPOINT");

    /// <summary>Drops a database once its run is measured, to keep the disk small.</summary>
    public async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(Admin(), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
