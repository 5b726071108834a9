using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.EndToEndTests.Commands;

public class MigrateCommandTests
{
    [Test]
    public async Task Migrate_applies_every_migration_with_timings_and_a_second_run_has_nothing_to_do()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_migrate");

        var human = (await SampleApp.RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();
        var again = (await SampleApp.RunAsync(database.ConnectionString, "migrate", "--json")).ShouldSucceed();
        var status = (await SampleApp.RunAsync(database.ConnectionString, "status", "--json")).ShouldSucceed();

        human.StandardOutput.Should().Contain("Done: 6 applied, 0 reverted").And.Contain("[outside a transaction]")
            .And.MatchRegex(@"applied  \d+_AddEmailAddress\s+\d+(\.\d)? (ms|s)")
            .And.Contain("Verified: ").And.Contain("no invalid index, no NOT VALID constraint");
        human.StandardError.Should().Contain("Migration ").And.Contain(" done in ", "plain progress lines when not on a terminal");
        using (var document = JsonDocument.Parse(again.StandardOutput))
        {
            document.RootElement.GetProperty("applied").GetArrayLength().Should().Be(0);
            document.RootElement.GetProperty("outcome").GetString().Should().Be("success");
        }

        using var statusDocument = JsonDocument.Parse(status.StandardOutput);
        statusDocument.RootElement.GetProperty("applied").GetInt32().Should().Be(6);
        statusDocument.RootElement.GetProperty("migrations").EnumerateArray()
            .Should().OnlyContain(m => m.GetProperty("durationMs").ValueKind == JsonValueKind.Number, "timings come from the journal");
    }

    [Test]
    public async Task Migrate_to_a_target_reports_each_statement_in_json()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_migrate_target");

        var result = (await SampleApp.RunAsync(database.ConnectionString, "migrate", "AddBioAndIsActive", "--json")).ShouldSucceed();

        using var document = JsonDocument.Parse(result.StandardOutput);
        document.RootElement.GetProperty("applied").EnumerateArray().Select(e => e.GetString())
            .Should().HaveCount(2).And.Contain(id => id!.EndsWith("_AddBioAndIsActive", StringComparison.Ordinal));
        var statements = document.RootElement.GetProperty("migrations").EnumerateArray().SelectMany(m => m.GetProperty("statements").EnumerateArray()).ToList();
        statements.Should().Contain(s => s.GetProperty("sql").GetString()!.Contains("CREATE INDEX CONCURRENTLY", StringComparison.Ordinal)
                                         && !s.GetProperty("transactional").GetBoolean());
        statements.Should().OnlyContain(s => s.GetProperty("durationMs").ValueKind == JsonValueKind.Number);
        var verification = document.RootElement.GetProperty("verification");
        verification.GetProperty("tables").GetInt32().Should().BeGreaterThan(0);
        verification.GetProperty("invalidIndexes").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task A_failing_step_exits_with_migration_failed_and_status_shows_the_failure()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_migrate_fail");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE users (squatter integer)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var human = await SampleApp.RunAsync(database.ConnectionString, "migrate");
        var json = await SampleApp.RunAsync(database.ConnectionString, "migrate", "--json");
        var status = (await SampleApp.RunAsync(database.ConnectionString, "status")).ShouldSucceed();

        human.ExitCode.Should().Be(7, human.ToString());
        human.StandardError.Should().Contain("error: ").And.Contain("already exists").And.Contain("fix: Run 'status'");
        json.ExitCode.Should().Be(7, json.ToString());
        using var document = JsonDocument.Parse(json.StandardOutput);
        document.RootElement.GetProperty("outcome").GetString().Should().Be("migration-failed");
        status.StandardOutput.Should().MatchRegex(@"failed\s+\d+_CreateUsers\s+0 of \d+ steps completed: .*already exists");
    }
}
