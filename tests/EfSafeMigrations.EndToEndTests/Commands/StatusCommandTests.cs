using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.EndToEndTests.Commands;

public class StatusCommandTests
{
    [Test]
    public async Task Status_lists_every_migration_as_pending_on_a_new_database()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_status");

        var human = (await SampleApp.RunAsync(database.ConnectionString, "status")).ShouldSucceed();
        var json = (await SampleApp.RunAsync(database.ConnectionString, "status", "--json")).ShouldSucceed();

        human.StandardOutput.Should().Contain("pending  20").And.Contain("_CreateUsers").And.Contain("0 applied, 6 pending.");
        using var document = JsonDocument.Parse(json.StandardOutput);
        document.RootElement.GetProperty("pending").GetInt32().Should().Be(6);
        document.RootElement.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("state").GetString()).Should().AllBe("pending");
        document.RootElement.GetProperty("exitCode").GetInt32().Should().Be(0);
    }

    [Test]
    public async Task Status_fails_on_pending_migrations_when_asked_to_gate_a_pipeline()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_status_gate");

        var result = await SampleApp.RunAsync(database.ConnectionString, "status", "--fail-on-pending", "--json");

        result.ExitCode.Should().Be(10, result.ToString());
        using var document = JsonDocument.Parse(result.StandardOutput);
        document.RootElement.GetProperty("outcome").GetString().Should().Be("pending-migrations");
    }
}
