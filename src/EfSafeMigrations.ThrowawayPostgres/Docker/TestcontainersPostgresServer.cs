using Testcontainers.PostgreSql;

namespace EfSafeMigrations.ThrowawayPostgres.Docker;

/// <summary>A PostgreSQL container, used only when a Docker daemon answers.</summary>
internal sealed class TestcontainersPostgresServer : IPostgresServer
{
    /// <summary>Pinned major version: tests must not change behaviour when a new major ships.</summary>
    public const string Image = "postgres:16-alpine";

    private readonly PostgreSqlContainer _container;

    private TestcontainersPostgresServer(PostgreSqlContainer container) => _container = container;

    public string AdminConnectionString => _container.GetConnectionString();

    public PostgresServerSource Source => PostgresServerSource.Testcontainers;

    public string Description => $"Testcontainers {Image}";

    public static async Task<IPostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var container = new PostgreSqlBuilder(Image)
            .WithCommand("-c", "fsync=off", "-c", "max_connections=300")
            .Build();
        await container.StartAsync(cancellationToken);
        return new TestcontainersPostgresServer(container);
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
