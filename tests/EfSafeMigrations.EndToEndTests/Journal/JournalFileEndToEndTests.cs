using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.EndToEndTests.Journal;

/// <summary>The journal file as users meet it: kept by dotnet ef, embedded in the build, verified at run time.</summary>
public class JournalFileEndToEndTests
{
    private static string JournalPath(SampleProject sample) => Path.Combine(sample.Directory, "Migrations", "efsafe.journal.json");

    private static List<string> EntryIds(SampleProject sample)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(JournalPath(sample)));
        return [.. json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
    }

    private static void SetModelVersion(SampleProject sample, int version)
    {
        var file = Path.Combine(sample.Directory, "ShopDbContext.cs");
        File.WriteAllText(file, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), @"ModelVersion = \d+;", $"ModelVersion = {version};"));
    }

    [Test]
    public async Task Migrations_add_and_remove_keep_the_journal_and_the_app_verifies_it_against_the_compiled_migrations()
    {
        using var sample = await SampleProject.CreateAsync("Journal");

        var init = (await sample.EfAsync("migrations", "add", "Init")).ShouldSucceed();
        init.Output.Should().Contain("EfSafeMigrations: recorded '").And.Contain("_Init' in Migrations/efsafe.journal.json");
        SetModelVersion(sample, 2);
        (await sample.EfAsync("migrations", "add", "AddNickname")).ShouldSucceed();
        EntryIds(sample).Should().HaveCount(2).And.Subject.Last().Should().EndWith("_AddNickname");
        File.ReadAllText(JournalPath(sample)).Should().Contain("\"nonTransactional\": true", "the concurrent index runs outside a transaction");

        var removed = (await sample.EfAsync("migrations", "remove", "--force")).ShouldSucceed(); // --force: no database at design time
        removed.Output.Should().Contain("EfSafeMigrations: removed '");
        EntryIds(sample).Should().ContainSingle().Which.Should().EndWith("_Init");
        SetModelVersion(sample, 1);

        // Built and run elsewhere: the journal travels inside the assembly, and its checksums (computed by
        // dotnet ef from the operations it generated code for) equal those of the compiled migrations.
        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_journal");
        var environment = new Dictionary<string, string?> { ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString };
        File.Move(JournalPath(sample), JournalPath(sample) + ".moved");
        (await sample.RunAppAsync(environment, "migrate")).ShouldSucceed();
        var check = await sample.RunAppAsync(environment, "check");

        check.ExitCode.Should().Be(0, check.Output);
        using var result = JsonDocument.Parse(check.StandardOutput);
        // Only information may remain (how drift was compared): no journal finding, no drift, nothing pending.
        result.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("severity").GetString() != "info")
            .Should().BeEmpty(check.StandardOutput);
        result.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString())
            .Should().NotContain(code => code!.StartsWith("JOURNAL_", StringComparison.Ordinal), check.StandardOutput);
    }

    [Test]
    public async Task Editing_an_applied_migration_makes_MigrateSafelyAsync_refuse_by_name_and_the_repair_accepts_it()
    {
        using var sample = await SampleProject.CreateAsync("Journal");
        (await sample.EfAsync("migrations", "add", "Init")).ShouldSucceed();
        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_journal");
        var environment = new Dictionary<string, string?> { ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString };
        (await sample.RunAppAsync(environment, "migrate")).ShouldSucceed();

        var migrationFile = Directory.GetFiles(Path.Combine(sample.Directory, "Migrations"), "*_Init.cs").Single();
        var id = Path.GetFileNameWithoutExtension(migrationFile);
        File.WriteAllText(migrationFile, File.ReadAllText(migrationFile).Replace("320", "400", StringComparison.Ordinal));
        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        var refused = await sample.RunAppAsync(environment, "migrate");

        refused.ExitCode.Should().Be(3, refused.Output);
        refused.StandardError.Should().Contain("JOURNAL_APPLIED_EDITED").And.Contain($"'{id}' was edited after it was applied")
            .And.Contain("JOURNAL_EDITED").And.Contain("nothing was applied");

        var repaired = (await sample.RunAppAsync(environment, "repair", id)).ShouldSucceed();
        repaired.StandardOutput.Should().Contain($"accepted the edit of {id}").And.Contain($"accepted the edit of {id} in the database journal");
        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        (await sample.RunAppAsync(environment, "migrate")).ShouldSucceed();
    }

    [Test]
    public async Task A_hand_broken_journal_file_stops_the_check_with_the_file_named()
    {
        using var sample = await SampleProject.CreateAsync("Journal");
        (await sample.EfAsync("migrations", "add", "Init")).ShouldSucceed();
        File.WriteAllText(JournalPath(sample), File.ReadAllText(JournalPath(sample)).Replace("\"checksum\"", "\"checksun\"", StringComparison.Ordinal));

        SetModelVersion(sample, 2);
        var added = (await sample.EfAsync("migrations", "add", "AddNickname")).ShouldSucceed();
        added.Output.Should().Contain("the journal was not updated").And.Contain("the field 'checksum' is missing");

        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_journal");
        var check = await sample.RunAppAsync(new Dictionary<string, string?> { ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString }, "check");

        check.ExitCode.Should().Be(1 | 8, check.Output);
        check.StandardOutput.Should().Contain("JOURNAL_FILE_MALFORMED").And.Contain("SampleJournal:Migrations/efsafe.journal.json(");
    }
}
