using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.EndToEndTests.Analyzers;

/// <summary>
/// Adopting the package into a project with old, dangerous migrations (docs/adopting.md): the app's 'baseline' command
/// writes &lt;EfSafeMigrationsBaseline&gt;, after which a TreatWarningsAsErrors build passes, and 'lint --all' and the
/// lint gate of a fresh install skip the old migrations, while a migration added later is still reported.
/// </summary>
public class AdoptionBaselineTests
{
    private const string LastOldMigration = "20240601000000_DropLegacyCode";
    private const string NewMigration = "20261201000000_DropNickname";

    [Test]
    public async Task Old_migrations_are_baselined_and_a_later_one_is_still_flagged()
    {
        using var sample = await SampleProject.CreateAsync("AnalyzerBaseline", "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>");

        var before = await sample.DotnetAsync("build", "-nologo", "--no-incremental");
        before.ExitCode.Should().NotBe(0, "the old migrations drop and rename columns: " + before);
        before.Output.Should().Contain("error ESM0018").And.Contain("error ESM0015");

        (await sample.DotnetAsync("build", "-nologo", "--no-incremental", "-p:TreatWarningsAsErrors=false")).ShouldSucceed();
        var adopt = (await sample.RunAppAsync(new Dictionary<string, string?>(), "baseline", "--write", sample.ProjectFile)).ShouldSucceed();
        adopt.Output.Should().Contain($"Baseline: {LastOldMigration} (3 of 3 migration(s) at or before it)");
        sample.ReadFile(sample.Name + ".csproj").Should().Contain($"<EfSafeMigrationsBaseline>{LastOldMigration}</EfSafeMigrationsBaseline>");

        var strict = (await sample.DotnetAsync("build", "-nologo", "--no-incremental")).ShouldSucceed();
        strict.Output.Should().NotContain("ESM0");
        var lintOld = (await sample.RunAppAsync(new Dictionary<string, string?>(), "lint", "--all", "--no-color")).ShouldSucceed();
        lintOld.Output.Should().Contain("Lint: 0 migration(s)").And.Contain($"adoption baseline {LastOldMigration}");

        // A fresh install replays the old history: the lint gate skips it as the analyzer does, and says so.
        await using (var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_adoption"))
        {
            var environment = new Dictionary<string, string?> { ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString };
            var migrate = (await sample.RunAppAsync(environment, "migrate", "--no-color")).ShouldSucceed();
            migrate.Output.Should().Contain($"3 pending migration(s) at or before the adoption baseline {LastOldMigration} were not linted");
        }

        AddMigrationAfterTheBaseline(sample);
        var later = (await sample.DotnetAsync("build", "-nologo", "--no-incremental", "-p:TreatWarningsAsErrors=false")).ShouldSucceed();
        later.Output.Should().Contain($"{NewMigration}.cs(").And.Contain("warning ESM0018").And.Contain("Column Customers.Nickname is dropped");
        later.Output.Should().NotContain("_DropLegacyCode.cs(").And.NotContain("_RenameMail.cs(").And.NotContain("_InitialCreate.cs(");
        var lintNew = await sample.RunAppAsync(new Dictionary<string, string?>(), "lint", "--all", "--no-color");
        lintNew.Output.Should().Contain("Lint: 1 migration(s)").And.Contain($"ESM0018 {NewMigration}");
    }

    // A copy of the last old migration (and its Designer file) under a later id, dropping another column.
    private static void AddMigrationAfterTheBaseline(SampleProject sample)
    {
        foreach (var suffix in new[] { ".cs", ".Designer.cs" })
        {
            var text = sample.ReadFile($"Migrations/{LastOldMigration}{suffix}")
                .Replace(LastOldMigration, NewMigration, StringComparison.Ordinal)
                .Replace("LegacyCode", "Nickname", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(sample.Directory, "Migrations", NewMigration + suffix), text);
        }
    }
}
