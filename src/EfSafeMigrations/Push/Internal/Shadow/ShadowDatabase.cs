using System.Security.Cryptography;
using Npgsql;

namespace EfSafeMigrations.Push.Internal.Shadow;

/// <summary>
/// A throwaway database on the shadow server, created from <c>template0</c> and dropped (with its sessions)
/// on dispose. Push builds the model's schema in it so that the desired schema can be read from the catalog
/// exactly as the live one is.
/// </summary>
internal sealed class ShadowDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnection _admin;

    private ShadowDatabase(NpgsqlConnection admin, NpgsqlConnection connection, string name)
    {
        _admin = admin;
        Connection = connection;
        Name = name;
    }

    public string Name { get; }

    /// <summary>An open connection to the shadow database.</summary>
    public NpgsqlConnection Connection { get; }

    /// <param name="live">The target database's connection: its credentials are reused when no shadow connection string is given.</param>
    /// <param name="shadowConnectionString">A connection to a server where the role may CREATE DATABASE, or null.</param>
    public static async Task<ShadowDatabase> CreateAsync(NpgsqlConnection live, string? shadowConnectionString, CancellationToken cancellationToken)
    {
        var admin = Connect(live, shadowConnectionString, database: null);
        await admin.OpenAsync(cancellationToken);
        var name = "esm_push_shadow_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        try
        {
            // The name is made of [a-z0-9_] only; CREATE DATABASE takes no parameters.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await admin.DisposeAsync();
            throw new InvalidOperationException(
                $"Push builds the model's schema in a throwaway shadow database, but role \"{admin.UserName}\" may not " +
                "create databases. Either grant it CREATEDB (ALTER ROLE ... CREATEDB) or set PushOptions.ShadowConnectionString to a " +
                "server (same PostgreSQL major version) where a role with CREATEDB connects.", e);
        }
        catch
        {
            await admin.DisposeAsync();
            throw;
        }

        var connection = Connect(live, shadowConnectionString, name);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            await DropAsync(admin, name);
            await admin.DisposeAsync();
            throw;
        }

        return new ShadowDatabase(admin, connection, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await DropAsync(_admin, Name);
        await _admin.DisposeAsync();
    }

    private static NpgsqlConnection Connect(NpgsqlConnection live, string? shadowConnectionString, string? database)
    {
        // Unpooled: an idle pooled session would keep the shadow database from being dropped.
        if (shadowConnectionString is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(shadowConnectionString) { Pooling = false };
            if (database is not null)
            {
                builder.Database = database;
            }

            return new NpgsqlConnection(builder.ConnectionString);
        }

        // CloneWith keeps the live connection's password, which its ConnectionString no longer shows once opened.
        var own = new NpgsqlConnectionStringBuilder(live.ConnectionString) { Pooling = false };
        if (database is not null)
        {
            own.Database = database;
        }

        return live.CloneWith(own.ConnectionString);
    }

    private static async Task DropAsync(NpgsqlConnection admin, string name)
    {
        try
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // Best effort: the name is unique, a leftover shadow database harms nothing but disk space.
        }
    }
}
