using EfSafeMigrations.ThrowawayPostgres.Docker;
using EfSafeMigrations.ThrowawayPostgres.LocalCluster;
using Npgsql;

namespace EfSafeMigrations.ThrowawayPostgres;

/// <summary>
/// Finds a real PostgreSQL server, in this order: a connection string from
/// <see cref="ConnectionStringVariable"/>; a Testcontainers container when a Docker daemon answers;
/// a throwaway cluster started from the local PostgreSQL server binaries.
/// </summary>
public static class PostgresServerLocator
{
    /// <summary>
    /// The environment variable holding a connection string to an existing server. Its role must be a
    /// superuser or have CREATEROLE and CREATEDB: every test creates its own role and database.
    /// </summary>
    public const string ConnectionStringVariable = "EFSAFEMIGRATIONS_TEST_CONNECTION_STRING";

    /// <summary>Set to <c>0</c> to skip the Testcontainers path even when a Docker daemon answers.</summary>
    public const string UseDockerVariable = "EFSAFEMIGRATIONS_TEST_DOCKER";

    /// <summary>Finds or starts a server. Dispose the result to stop what was started.</summary>
    /// <exception cref="PostgresServerUnavailableException">No server could be found; the message says how to get one.</exception>
    public static Task<IPostgresServer> StartOrConnectAsync(CancellationToken cancellationToken = default)
        => StartOrConnectAsync(Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>As <see cref="StartOrConnectAsync(CancellationToken)"/>, reading settings through <paramref name="getVariable"/>.</summary>
    public static async Task<IPostgresServer> StartOrConnectAsync(
        Func<string, string?> getVariable, CancellationToken cancellationToken = default)
    {
        var fromEnvironment = getVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return await ConnectToExternalAsync(fromEnvironment, cancellationToken);
        }

        if (getVariable(UseDockerVariable) != "0" && await DockerDaemonProbe.AnswersAsync(getVariable, cancellationToken))
        {
            return await TestcontainersPostgresServer.StartAsync(cancellationToken);
        }

        return await LocalPostgresCluster.StartAsync(cancellationToken: cancellationToken);
    }

    private static async Task<IPostgresServer> ConnectToExternalAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new PostgresServerUnavailableException(
                $"${ConnectionStringVariable} is not a valid Npgsql connection string ({ex.Message}). " +
                "Use the form 'Host=127.0.0.1;Port=5432;Username=postgres;Password=...'.", ex);
        }

        var server = new ExternalPostgresServer(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new PostgresServerUnavailableException(
                $"Cannot connect to the server named in ${ConnectionStringVariable} ({builder.Host}:{builder.Port}, user {builder.Username}): {ex.Message}. " +
                $"Start that server, fix the variable, or unset it to let the tests start a throwaway server from the local binaries.", ex);
        }

        return server;
    }
}
