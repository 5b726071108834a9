using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using EfSafeMigrations.ThrowawayPostgres.LocalCluster;

namespace EfSafeMigrations.IntegrationTests.Foundation;

/// <summary>The three ways a server is found, each exercised with a controlled environment.</summary>
public class ServerLocatorTests
{
    [Test]
    public async Task A_connection_string_in_the_environment_variable_wins_over_everything_else()
    {
        var variables = new Dictionary<string, string?>
        {
            [PostgresServerLocator.ConnectionStringVariable] = PostgresTestServer.Server.AdminConnectionString,
        };

        await using var server = await PostgresServerLocator.StartOrConnectAsync(name => variables.GetValueOrDefault(name));

        server.Source.Should().Be(PostgresServerSource.EnvironmentVariable);
        server.Description.Should().NotContain("Password", "descriptions go to logs");
        await using var database = await ThrowawayDatabase.CreateAsync(server);
        (await ThrowawayDatabaseTests.ScalarAsync<int>(database.ConnectionString, "SELECT 1")).Should().Be(1);
    }

    [Test]
    public async Task An_unreachable_server_in_the_environment_variable_fails_with_a_message_naming_the_variable()
    {
        var variables = new Dictionary<string, string?>
        {
            [PostgresServerLocator.ConnectionStringVariable] = "Host=127.0.0.1;Port=1;Username=nobody;Password=secret-password;Timeout=2",
        };

        var act = () => PostgresServerLocator.StartOrConnectAsync(name => variables.GetValueOrDefault(name));

        var failure = await act.Should().ThrowAsync<PostgresServerUnavailableException>();
        failure.Which.Message.Should().Contain(PostgresServerLocator.ConnectionStringVariable).And.Contain("127.0.0.1:1");
        failure.Which.Message.Should().NotContain("secret-password");
    }

    [Test]
    [Category(TestCategories.Processes)]
    public async Task A_Docker_host_that_does_not_answer_falls_through_to_the_local_binaries()
    {
        var variables = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock",
            ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
        };

        await using var server = await PostgresServerLocator.StartOrConnectAsync(name => variables.GetValueOrDefault(name));

        server.Source.Should().Be(PostgresServerSource.LocalBinaries);
        await using var database = await ThrowawayDatabase.CreateAsync(server);
        (await ThrowawayDatabaseTests.ScalarAsync<int>(database.ConnectionString, "SELECT 1")).Should().Be(1);
    }

    [Test]
    [Category(TestCategories.Processes)]
    public async Task A_local_cluster_is_stopped_and_its_folder_deleted_on_dispose()
    {
        var cluster = await LocalPostgresCluster.StartAsync();
        var folder = cluster.Folder;
        Directory.Exists(folder).Should().BeTrue();

        await cluster.DisposeAsync();

        Directory.Exists(folder).Should().BeFalse();
        var connect = () => ThrowawayDatabaseTests.ScalarAsync<int>(cluster.AdminConnectionString + ";Timeout=2", "SELECT 1");
        await connect.Should().ThrowAsync<Exception>();
    }

    [Test]
    public async Task With_no_binaries_anywhere_the_error_says_how_to_get_a_server()
    {
        var empty = Directory.CreateTempSubdirectory("esm-no-pg-");
        try
        {
            var variables = new Dictionary<string, string?> { ["PATH"] = empty.FullName };

            var act = () => LocalPostgresCluster.StartAsync(name => variables.GetValueOrDefault(name), empty.FullName, CancellationToken.None);

            var failure = await act.Should().ThrowAsync<PostgresServerUnavailableException>();
            failure.Which.Message.Should()
                .Contain(PostgresServerLocator.ConnectionStringVariable)
                .And.Contain("apt-get install postgresql")
                .And.Contain("Docker");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Testcontainers_is_used_when_a_Docker_daemon_answers()
    {
        var variables = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = Environment.GetEnvironmentVariable("DOCKER_HOST"),
        };
        if (!await EfSafeMigrations.ThrowawayPostgres.Docker.DockerDaemonProbe.AnswersAsync(name => variables.GetValueOrDefault(name), CancellationToken.None))
        {
            Assert.Ignore("No Docker daemon answers on this machine; the Testcontainers path is exercised where one does.");
        }

        await using var server = await PostgresServerLocator.StartOrConnectAsync(name => variables.GetValueOrDefault(name));

        server.Source.Should().Be(PostgresServerSource.Testcontainers);
    }
}
