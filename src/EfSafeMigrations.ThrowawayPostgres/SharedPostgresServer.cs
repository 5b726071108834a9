namespace EfSafeMigrations.ThrowawayPostgres;

/// <summary>
/// One server per process, shared by everything in it (a test assembly's fixtures, a benchmark run).
/// Started on first use of <see cref="StartAsync"/>; stopped by <see cref="StopAsync"/>.
/// </summary>
public static class SharedPostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPostgresServer? _server;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">It was not started.</exception>
    public static IPostgresServer Server => _server ?? throw new InvalidOperationException(
        "The shared PostgreSQL server is not started: call SharedPostgresServer.StartAsync() first (test assemblies do it in their SetUpFixture).");

    /// <summary>Finds or starts the server (once), see <see cref="PostgresServerLocator"/>.</summary>
    public static async Task<IPostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return _server ??= await PostgresServerLocator.StartOrConnectAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops what <see cref="StartAsync"/> started (nothing, for an external server).</summary>
    public static async Task StopAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
                _server = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh database on the shared server, owned by a fresh non-superuser role.</summary>
    public static Task<ThrowawayDatabase> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
        => ThrowawayDatabase.CreateAsync(Server, prefix, cancellationToken);
}
