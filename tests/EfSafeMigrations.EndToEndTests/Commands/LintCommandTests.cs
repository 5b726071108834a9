using System.Text.Json;
using System.Text.RegularExpressions;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.EndToEndTests.Commands;

public class LintCommandTests
{
    [Test]
    public async Task Lint_reports_rewritten_and_assured_operations_and_passes()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_lint");
        // users exists before the linted run (on a fresh database its later changes are exempt: a table new in the run).
        (await SampleApp.RunAsync(database.ConnectionString, "migrate", "CreateUsers")).ShouldSucceed();

        var human = (await SampleApp.RunAsync(database.ConnectionString, "lint")).ShouldSucceed();
        var all = (await SampleApp.RunAsync(SampleApp.UnreachableConnectionString(), "lint", "--all", "--json")).ShouldSucceed();

        human.StandardOutput.Should().Contain("Lint: 5 pending migration(s)")
            .And.MatchRegex(@"assured\s+ESM0018 \d+_DropName \(DropColumn users.name\): name is unused")
            .And.MatchRegex(@"rewritten\s+ESM0001 \d+_AddBioAndIsActive")
            .And.Contain("0 error(s)");
        using var document = JsonDocument.Parse(all.StandardOutput);
        document.RootElement.GetProperty("blocking").GetBoolean().Should().BeFalse();
        document.RootElement.GetProperty("findings").EnumerateArray()
            .Should().Contain(f => f.GetProperty("status").GetString() == "assured" && f.GetProperty("ruleId").GetString() == "ESM0018");
    }

    [Test]
    public async Task A_dangerous_migration_without_its_assurance_fails_lint_and_stops_migrate_before_anything_runs()
    {
        // The developer forgot [SafetyAssured] on DropName (the email contract needs none: its drop is planned).
        var dll = await SampleApp.BuildVariantAsync("unassured", folder =>
        {
            foreach (var file in Directory.GetFiles(Path.Combine(folder, "Migrations"), "*.cs"))
            {
                File.WriteAllText(file, Regex.Replace(File.ReadAllText(file), @"^\s*\[SafetyAssured\(.*\)\]\r?\n", string.Empty, RegexOptions.Multiline));
            }
        });
        try
        {
            await LintAndMigrateAsync(dll);
            await LintForCiAsync(dll);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(dll))!, recursive: true);
        }
    }

    // As a CI job runs it, from the repository (here the variant's folder, which holds the project's sources).
    private static async Task LintForCiAsync(string dll)
    {
        var repository = Path.GetDirectoryName(Path.GetDirectoryName(dll))!;
        var sarif = await SampleApp.RunDllInAsync(repository, dll, SampleApp.UnreachableConnectionString(), "lint", "--all", "--format", "sarif");
        var github = await SampleApp.RunDllInAsync(repository, dll, SampleApp.UnreachableConnectionString(), "lint", "--all", "--format", "github");

        sarif.ExitCode.Should().Be(3, sarif.ToString());
        using var log = JsonDocument.Parse(sarif.StandardOutput);
        log.RootElement.GetProperty("version").GetString().Should().Be("2.1.0");
        var drop = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("ruleId").GetString() == "ESM0018" && r.GetProperty("message").GetProperty("text").GetString()!.Contains("DropName", StringComparison.Ordinal));
        drop.GetProperty("level").GetString().Should().Be("error");
        var location = drop.GetProperty("locations")[0].GetProperty("physicalLocation");
        var file = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        file.Should().MatchRegex(@"^EfSafeMigrations\.Sample/Migrations/\d+_DropName\.cs$");
        var line = location.GetProperty("region").GetProperty("startLine").GetInt32();
        File.ReadAllLines(Path.Combine(repository, file))[line - 1].Should().Contain("migrationBuilder.DropColumn");

        github.ExitCode.Should().Be(3, github.ToString());
        github.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(l => l.StartsWith("::", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith($"::error file={file},line={line},title=ESM0018 ", StringComparison.Ordinal));
    }

    private static async Task LintAndMigrateAsync(string dll)
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_lint_errors");
        // users exists before the run: on a fresh database its later drops would be harmless (a table created earlier in the run).
        (await SampleApp.RunDllAsync(dll, database.ConnectionString, "migrate", "CreateUsers")).ShouldSucceed();

        var human = await SampleApp.RunDllAsync(dll, database.ConnectionString, "lint");
        var json = await SampleApp.RunDllAsync(dll, database.ConnectionString, "lint", "--json");
        var migrate = await SampleApp.RunDllAsync(dll, database.ConnectionString, "migrate", "--json");

        human.ExitCode.Should().Be(3, human.ToString());
        human.StandardOutput.Should().MatchRegex(@"error\s+ESM0018 \d+_DropName \(DropColumn users.name\): Column users.name is dropped")
            .And.Contain("if it is safe here: [SafetyAssured(\"ESM0018\", Reason = \"...\")]")
            .And.Contain("1 error(s)").And.Contain("'migrate' would refuse these migrations.");
        json.ExitCode.Should().Be(3, json.ToString());
        using (var document = JsonDocument.Parse(json.StandardOutput))
        {
            document.RootElement.GetProperty("outcome").GetString().Should().Be("lint-errors");
            document.RootElement.GetProperty("errors").GetInt32().Should().Be(1);
        }

        migrate.ExitCode.Should().Be(3, migrate.ToString());
        using (var document = JsonDocument.Parse(migrate.StandardOutput))
        {
            document.RootElement.GetProperty("applied").GetArrayLength().Should().Be(0);
            document.RootElement.GetProperty("problems").EnumerateArray().Should().Contain(p => p.GetProperty("code").GetString() == "ESM0018");
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var history = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        (await history.ExecuteScalarAsync()).Should().Be(1L, "the lint gate stops the run before anything is applied");
    }
}
