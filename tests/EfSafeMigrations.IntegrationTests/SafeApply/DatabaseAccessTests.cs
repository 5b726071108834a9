using System.Net;
using System.Net.Sockets;
using EfSafeMigrations.CommandLine.Internal;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using EfSafeMigrations.IntegrationTests.Push;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>A database that does not exist yet, a role without the grants the run needs, a server that is not there.</summary>
public class DatabaseAccessTests
{
    [Test]
    public async Task Without_CREATEDB_a_missing_database_stops_with_the_grant_to_give_from_the_api_and_the_command()
    {
        await using var owner = await PostgresTestServer.CreateDatabaseAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Database = owner.Name + "_new" }.ConnectionString;

        await using (var context = ShopOptions.Shop(connectionString))
        {
            var failure = (await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync())
                .Should().ThrowAsync<DatabaseAccessException>()).Which;
            failure.Problem.Should().Be(DatabaseAccessProblem.CannotCreateDatabase);
            failure.Message.Should().Contain("CREATEDB").And.Contain(owner.Name + "_new");
            failure.Fix.Should().Contain($"ALTER ROLE \"{owner.Role}\" CREATEDB");
        }

        var (exitCode, errors) = await MigrateCommandAsync(connectionString);
        exitCode.Should().Be((int)SafeMigrationsExitCode.MissingPrivilege);
        errors.Should().Contain("fix: ").And.Contain($"ALTER ROLE \"{owner.Role}\" CREATEDB");
    }

    [Test]
    public async Task A_role_without_CREATE_on_the_schema_is_told_which_grant_is_missing_from_the_api_and_the_command()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var guest = database.Role + "_guest";
        await AdminAsync($"CREATE ROLE \"{guest}\" LOGIN PASSWORD 'guest'");
        // Before PostgreSQL 15 every role may create in public; revoked, as 15+ does and hardened servers do.
        await AdminAsync("REVOKE CREATE ON SCHEMA public FROM PUBLIC", database.Name);
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = guest, Password = "guest" }.ConnectionString;
            await using (var context = ShopOptions.Shop(connectionString))
            {
                var failure = (await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync())
                    .Should().ThrowAsync<DatabaseAccessException>()).Which;
                failure.Problem.Should().Be(DatabaseAccessProblem.MissingPrivilege);
                failure.Message.Should().Contain("permission denied for schema public");
                failure.Fix.Should().Contain($"GRANT CREATE ON SCHEMA \"public\" TO \"{guest}\"");
            }

            var (exitCode, errors) = await MigrateCommandAsync(connectionString);
            exitCode.Should().Be((int)SafeMigrationsExitCode.MissingPrivilege);
            errors.Should().Contain("fix: ").And.Contain("GRANT CREATE ON SCHEMA");
        }
        finally
        {
            await AdminAsync($"DROP OWNED BY \"{guest}\"", database.Name);
            await AdminAsync($"DROP ROLE IF EXISTS \"{guest}\"");
        }
    }

    [Test]
    public async Task An_unreachable_server_is_the_library_s_own_error_naming_host_and_port()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connectionString = $"Host=127.0.0.1;Port={port};Database=nowhere;Username=nobody;Password=secret;Timeout=5";

        await using var context = ShopOptions.Shop(connectionString);
        var failure = (await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync())
            .Should().ThrowAsync<DatabaseAccessException>()).Which;
        failure.Problem.Should().Be(DatabaseAccessProblem.ServerUnreachable);
        failure.Message.Should().Contain($"127.0.0.1:{port}").And.Contain("connection refused").And.NotContain("secret");
        failure.Fix.Should().Contain("Host and Port");
    }

    private static async Task<(int ExitCode, string Errors)> MigrateCommandAsync(string connectionString)
    {
        var errors = new StringWriter();
        var host = new CommandHost(CommandCatalog.Create(), new TerminalSettings(TextWriter.Null, errors, false, false, true));
        using var interruption = Interruption.Listen(CancellationToken.None);
        var exitCode = await host.RunAsync(["migrate"], () => ShopOptions.Shop(connectionString), interruption);
        return (exitCode, errors.ToString());
    }

    internal static Task AdminAsync(string sql, string? database = null)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresTestServer.Server.AdminConnectionString) { Pooling = false };
        admin.Database = database ?? admin.Database;
        return PushTestSupport.ExecuteAsync(admin.ConnectionString, sql);
    }
}
