using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.EndToEndTests.Commands;

public class CheckCommandTests
{
    [Test]
    public async Task Check_is_clean_after_migrate_and_finds_a_column_added_outside_migrations()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_check");
        (await SampleApp.RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();

        var clean = (await SampleApp.RunAsync(database.ConnectionString, "check")).ShouldSucceed();
        await ExecuteAsync(database.ConnectionString, "ALTER TABLE users ADD COLUMN nickname text");
        var human = await SampleApp.RunAsync(database.ConnectionString, "check");
        var json = await SampleApp.RunAsync(database.ConnectionString, "check", "--json");

        clean.StandardOutput.Should().Contain("No drift:");
        human.ExitCode.Should().Be(4, human.ToString());
        human.StandardOutput.Should().Contain("DRIFT_EXTRA_COLUMN").And.Contain("nickname").And.Contain("Found: the database differs from the model.");
        json.ExitCode.Should().Be(4, json.ToString());
        using var document = JsonDocument.Parse(json.StandardOutput);
        document.RootElement.GetProperty("outcome").GetString().Should().Be("drift-detected");
        document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).Should().Contain("DRIFT_EXTRA_COLUMN");
    }

    [Test]
    public async Task Check_fails_on_pending_migrations_unless_they_are_allowed()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_check_pending");

        var strict = await SampleApp.RunAsync(database.ConnectionString, "check", "--json");
        var allowed = await SampleApp.RunAsync(database.ConnectionString, "check", "--allow-pending", "--json");

        strict.ExitCode.Should().Be(10, strict.ToString());
        allowed.ExitCode.Should().Be(0, allowed.ToString());
        using var document = JsonDocument.Parse(allowed.StandardOutput);
        document.RootElement.GetProperty("findings").EnumerateArray().Should().Contain(f => f.GetProperty("code").GetString() == "PENDING_MIGRATION");
    }

    [Test]
    public async Task Check_finds_an_applied_migration_whose_journal_checksum_differs_and_journal_repair_accepts_it()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_check_journal");
        var migrated = (await SampleApp.RunAsync(database.ConnectionString, "migrate", "--json")).ShouldSucceed();
        string createUsers;
        using (var report = JsonDocument.Parse(migrated.StandardOutput))
        {
            createUsers = report.RootElement.GetProperty("applied")[0].GetString()!;
        }

        await ExecuteAsync(database.AdminConnectionString, $"UPDATE \"__EfSafeMigrationsJournal\" SET checksum = 'edited' WHERE migration_id = '{createUsers}'");
        var broken = await SampleApp.RunAsync(database.ConnectionString, "check");
        // As a CI job runs it, from a folder holding the sources: the annotation points at the edited migration's Up.
        var samples = Path.Combine(RepositoryPaths.Root, "samples");
        var annotations = await SampleApp.RunDllInAsync(samples, await SampleApp.BuildAsync(), database.ConnectionString, "check", "--format", "github");
        var sarif = await SampleApp.RunDllInAsync(samples, await SampleApp.BuildAsync(), database.ConnectionString, "check", "--format", "sarif");
        var unknown = await SampleApp.RunAsync(database.ConnectionString, "journal", "repair", "--accept", "20990101000000_Nope");
        var repaired = (await SampleApp.RunAsync(database.ConnectionString, "journal", "repair", "--accept", createUsers)).ShouldSucceed();
        var fixedCheck = await SampleApp.RunAsync(database.ConnectionString, "check");

        broken.ExitCode.Should().Be(6, broken.ToString());
        broken.StandardOutput.Should().Contain("JOURNAL_APPLIED_EDITED").And.Contain(createUsers);
        annotations.ExitCode.Should().Be(6, annotations.ToString());
        var edited = annotations.StandardOutput.Split('\n').Single(l => l.Contains("title=JOURNAL_APPLIED_EDITED", StringComparison.Ordinal));
        edited.Should().StartWith($"::error file=EfSafeMigrations.Sample/Migrations/{createUsers}.cs,line=");
        sarif.ExitCode.Should().Be(6, sarif.ToString());
        using (var log = JsonDocument.Parse(sarif.StandardOutput))
        {
            log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Should().Contain(r => r.GetProperty("ruleId").GetString() == "JOURNAL_APPLIED_EDITED" && r.GetProperty("level").GetString() == "error");
        }

        unknown.ExitCode.Should().Be(6, unknown.ToString());
        unknown.StandardError.Should().Contain("Cannot accept '20990101000000_Nope'");
        repaired.StandardOutput.Should().Contain($"accepted the edit of {createUsers}");
        fixedCheck.ExitCode.Should().Be(0, fixedCheck.ToString());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
