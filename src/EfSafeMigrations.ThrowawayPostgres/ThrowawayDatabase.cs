using System.Security.Cryptography;
using Npgsql;

namespace EfSafeMigrations.ThrowawayPostgres;

/// <summary>
/// A freshly created database owned by a freshly created non-superuser role, as users run migrations
/// in production. Disposing it drops both.
/// </summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly IPostgresServer _server;

    private ThrowawayDatabase(IPostgresServer server, string name, string role, string password)
    {
        _server = server;
        Name = name;
        Role = role;
        var admin = new NpgsqlConnectionStringBuilder(server.AdminConnectionString);
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = admin.Host,
            Port = admin.Port,
            Database = name,
            Username = role,
            Password = password,
            // Tests drop the database at the end; pooled idle connections would block DROP DATABASE.
            Pooling = false,
        }.ConnectionString;
        AdminConnectionString = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>The non-superuser role that owns the database.</summary>
    public string Role { get; }

    /// <summary>Connects as the owning non-superuser role: what the library under test uses.</summary>
    public string ConnectionString { get; }

    /// <summary>Connects to this database as the server's admin role: for test set-up and inspection only.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Creates a role and a database it owns, with a unique name starting with <paramref name="prefix"/>.</summary>
    public static async Task<ThrowawayDatabase> CreateAsync(IPostgresServer server, string prefix = "esm", CancellationToken cancellationToken = default)
    {
        var suffix = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var name = $"{Sanitize(prefix)}_{suffix}";
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Identifiers are generated from [a-z0-9_] only and the password from hex digits, so inlining is safe;
        // DDL cannot take parameters.
        await ExecuteAsync(connection, $"CREATE ROLE \"{name}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password}'", cancellationToken);
        await ExecuteAsync(connection, $"GRANT \"{name}\" TO CURRENT_USER", cancellationToken, ignoreFailure: true);
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" OWNER \"{name}\"", cancellationToken);
        return new ThrowawayDatabase(server, name, name, password);
    }

    /// <summary>Drops the database (closing its sessions) and its role.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_server.AdminConnectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
            await ExecuteAsync(connection, $"DROP ROLE IF EXISTS \"{Role}\"", CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at the end of a run; the cluster is thrown away with it.
        }
    }

    private static string Sanitize(string prefix)
    {
        var cleaned = new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return cleaned.Length > 40 ? cleaned[..40] : cleaned;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, bool ignoreFailure = false)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException) when (ignoreFailure)
        {
        }
    }
}
