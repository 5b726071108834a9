using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.IntegrationTests.Foundation;

/// <summary>
/// Run by build/test.sh in a second pass with the connection string variable pointing at a server the
/// script started itself: proves the documented way to use an existing server works end to end.
/// In a normal run (variable unset) it checks the opposite: the run found a server on its own.
/// </summary>
[Category("EnvironmentServer")]
public class EnvironmentServerTests
{
    [Test]
    public void The_run_uses_the_server_named_in_the_environment_variable_when_it_is_set()
    {
        var variable = Environment.GetEnvironmentVariable(PostgresServerLocator.ConnectionStringVariable);

        PostgresTestServer.Server.Source.Should().Be(string.IsNullOrWhiteSpace(variable)
            ? PostgresTestServer.Server.Source == PostgresServerSource.Testcontainers ? PostgresServerSource.Testcontainers : PostgresServerSource.LocalBinaries
            : PostgresServerSource.EnvironmentVariable);
    }
}
