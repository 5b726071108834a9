using Npgsql;

namespace EfSafeMigrations.ThrowawayPostgres;

/// <summary>A server someone else runs: nothing to start, nothing to stop.</summary>
internal sealed class ExternalPostgresServer(string adminConnectionString) : IPostgresServer
{
    public string AdminConnectionString { get; } = adminConnectionString;

    public PostgresServerSource Source => PostgresServerSource.EnvironmentVariable;

    public string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
            return $"server from ${PostgresServerLocator.ConnectionStringVariable} ({builder.Host}:{builder.Port}, user {builder.Username})";
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
