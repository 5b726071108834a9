using EfSafeMigrations.ThrowawayPostgres;

// In the root namespace on purpose: an NUnit SetUpFixture covers its own namespace and those below it.
namespace EfSafeMigrations.IntegrationTests;

/// <summary>
/// Starts (or connects to) one PostgreSQL server for the whole test run and stops it at the end,
/// also when tests fail. Tests call <see cref="CreateDatabaseAsync"/> for a database of their own.
/// </summary>
[SetUpFixture]
public sealed class PostgresTestServer
{
    /// <summary>The server of this run.</summary>
    public static IPostgresServer Server => SharedPostgresServer.Server;

    [OneTimeSetUp]
    public async Task StartAsync()
        => await TestContext.Progress.WriteLineAsync($"PostgreSQL for tests: {(await SharedPostgresServer.StartAsync()).Description}");

    [OneTimeTearDown]
    public Task StopAsync() => SharedPostgresServer.StopAsync();

    /// <summary>A fresh database owned by a fresh non-superuser role; dispose to drop both.</summary>
    public static Task<ThrowawayDatabase> CreateDatabaseAsync(string? prefix = null)
        => SharedPostgresServer.CreateDatabaseAsync(prefix ?? SafePrefix(TestContext.CurrentContext.Test.ClassName));

    private static string SafePrefix(string? className)
    {
        var name = className?.Split('.').Last() ?? "test";
        return name.Length > 30 ? name[..30] : name;
    }
}
