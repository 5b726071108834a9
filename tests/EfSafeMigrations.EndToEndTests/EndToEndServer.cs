using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.EndToEndTests;

/// <summary>The run's PostgreSQL server (shared helper), started once and stopped at the end.</summary>
[SetUpFixture]
public sealed class EndToEndServer
{
    [OneTimeSetUp]
    public Task StartAsync() => SharedPostgresServer.StartAsync();

    [OneTimeTearDown]
    public Task StopAsync() => SharedPostgresServer.StopAsync();
}
