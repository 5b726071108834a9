using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.EndToEndTests.Linting;

/// <summary>
/// What a user sees: dotnet ef migrations add prints each dangerous operation with its safe alternative,
/// MigrateSafelyAsync at start-up refuses the unassured migration, and applies it once it carries [SafetyAssured].
/// (The index is explicitly non-concurrent: otherwise the safe differ scaffolds it concurrently.)
/// </summary>
public class LintEndToEndTests
{
    [Test]
    public async Task Findings_show_at_migrations_add_and_block_start_up_until_assured()
    {
        using var sample = await SampleProject.CreateAsync("Accounts");
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_lint");
        var environment = new Dictionary<string, string?> { ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString };
        (await sample.EfAsync("migrations", "add", "Initial")).ShouldSucceed();
        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        (await sample.RunAppAsync(environment)).ShouldSucceed().StandardOutput.Should().Contain("_Initial");

        EditModel(sample);
        var added = (await sample.EfAsync("migrations", "add", "Changes")).ShouldSucceed();

        added.Output.Should().Contain("ESM0018 error").And.Contain("Column accounts.legacy_code is dropped")
            .And.Contain("ESM0014 error").And.Contain("changes type from integer to bigint")
            .And.Contain("ESM0001 error").And.Contain("Index ix_accounts_email on existing table accounts")
            .And.Contain("Safe alternative:").And.Contain("[SafetyAssured(\"ESM0018\", Reason = \"...\")]")
            .And.Contain("refused by MigrateSafelyAsync unless assured");

        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        var refused = await sample.RunAppAsync(environment);
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.StandardOutput.Should().Contain("refused").And.Contain("nothing was applied").And.Contain("ESM0018").And.Contain("ESM0014")
            .And.Contain("Column accounts.legacy_code is dropped").And.Contain("Fix:");

        Assure(sample, "Changes", "ESM0018", "ESM0014", "ESM0001");
        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        var applied = (await sample.RunAppAsync(environment)).ShouldSucceed();
        applied.StandardOutput.Should().Contain("ESM0018 assured").And.Contain("accounts is small; legacy_code unused").And.Contain("_Changes");
    }

    private static void EditModel(SampleProject sample)
    {
        var path = Path.Combine(sample.Directory, "AccountsDbContext.cs");
        var lines = File.ReadAllLines(path)
            .Where(line => !line.Contains("// edit: dropped", StringComparison.Ordinal))
            .Select(line => line
                .Replace("public int Score", "public long Score", StringComparison.Ordinal)
                .Replace("// edit: index added", "account.HasIndex(a => a.Email).HasDatabaseName(\"ix_accounts_email\").IsCreatedConcurrently(false);", StringComparison.Ordinal));
        File.WriteAllLines(path, lines);
    }

    private static void Assure(SampleProject sample, string migrationName, params string[] ruleIds)
    {
        var path = Directory.GetFiles(Path.Combine(sample.Directory, "Migrations"), $"*_{migrationName}.cs").Single();
        var ids = string.Join(", ", ruleIds.Select(id => $"\"{id}\""));
        var code = File.ReadAllText(path).Replace(
            "public partial class",
            $"[EfSafeMigrations.SafetyAssured({ids}, Reason = \"accounts is small; legacy_code unused\")]\n    public partial class",
            StringComparison.Ordinal);
        File.WriteAllText(path, code);
    }
}
