using System.Text.Json;
using EfSafeMigrations.IntegrationTests.Models.Phases;
using EfSafeMigrations.IntegrationTests.Scripts;
using EfSafeMigrations.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static EfSafeMigrations.IntegrationTests.SafeApply.Journal;

namespace EfSafeMigrations.IntegrationTests.ExpandContract;

/// <summary>
/// The post-deployment phase through the commands (migrate, migrate --post-deployment, status) and through a psql script. The
/// commands own the console while they run.
/// </summary>
[NonParallelizable]
public class PostDeploymentCommandTests
{
    [Test]
    public async Task Migrate_lists_the_deferred_migration_status_shows_it_apart_from_pending_and_migrate_post_deployment_applies_it()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PostDeploymentPhaseTests.AtFirstReleaseAsync(database.ConnectionString);
        PhasesDbContext Create() => PhasesDbContext.Create(database.ConnectionString);

        var (migrateCode, migrateJson) = await RunAsync(["migrate", "--json"], Create);
        migrateCode.Should().Be(0, migrateJson);
        using (var migrated = JsonDocument.Parse(migrateJson))
        {
            migrated.RootElement.GetProperty("applied").EnumerateArray().Select(e => e.GetString()).Should().Equal(AddAccountNote.Id);
            migrated.RootElement.GetProperty("deferred").EnumerateArray().Select(e => e.GetString()).Should().Equal(DropLegacyCode.Id);
            migrated.RootElement.GetProperty("postDeployment").GetString().Should().Contain("migrate --post-deployment");
        }

        var (statusCode, statusText) = await RunAsync(["status", "--no-color", "--fail-on-pending"], Create);
        statusCode.Should().Be(0, "a migration waiting for post-deployment is not pending: " + statusText);
        statusText.Should().Contain("deferred " + DropLegacyCode.Id).And.Contain("waits for 'migrate --post-deployment'")
            .And.Contain("2 applied, 0 pending, 1 deferred to post-deployment");
        var (_, statusJson) = await RunAsync(["status", "--json"], Create);
        using (var status = JsonDocument.Parse(statusJson))
        {
            status.RootElement.GetProperty("deferred").EnumerateArray().Select(e => e.GetString()).Should().Equal(DropLegacyCode.Id);
            status.RootElement.GetProperty("migrations").EnumerateArray()
                .Select(m => $"{m.GetProperty("id").GetString()} {m.GetProperty("state").GetString()} {m.GetProperty("phase")}")
                .Should().Equal($"{CreateAccounts.Id} applied pre", $"{DropLegacyCode.Id} deferred ", $"{AddAccountNote.Id} applied pre");
        }

        var (postCode, postJson) = await RunAsync(["migrate", "--post-deployment", "--json"], Create);
        postCode.Should().Be(0, postJson);
        using var post = JsonDocument.Parse(postJson);
        post.RootElement.GetProperty("applied").EnumerateArray().Select(e => e.GetString()).Should().Equal(DropLegacyCode.Id);
        post.RootElement.GetProperty("deferred").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task A_script_skips_the_post_deployment_migration_with_a_notice_and_applies_it_with_post_deployment_true()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PostDeploymentPhaseTests.AtFirstReleaseAsync(database.ConnectionString);
        string script;
        await using (var context = PhasesDbContext.Create(database.ConnectionString))
        {
            script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        }

        script.Should().Contain($"-- Migration {DropLegacyCode.Id} (apply, post-deployment)").And.Contain("psql -v post_deployment=true");

        var deployment = await Psql.RunAsync(database.ConnectionString, script);
        deployment.ExitCode.Should().Be(0, deployment.ToString());
        deployment.Output.Should().Contain($"post-deployment migration {DropLegacyCode.Id} skipped");
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateAccounts.Id, AddAccountNote.Id);

        // As psql -v post_deployment=true sets it (the test client takes no -v): the variable, before the script.
        var afterRollout = await Psql.RunAsync(database.ConnectionString, "\\set post_deployment true\n" + script);
        afterRollout.ExitCode.Should().Be(0, afterRollout.ToString());
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateAccounts.Id, DropLegacyCode.Id, AddAccountNote.Id);
        (await ScalarAsync<string>(database.ConnectionString, $"SELECT phase FROM \"__EfSafeMigrationsJournal\" WHERE migration_id = '{DropLegacyCode.Id}'"))
            .Should().Be("post");
    }

    [Test]
    public async Task Tenants_migrate_defers_on_each_target_status_shows_them_waiting_and_tenants_migrate_post_deployment_applies()
    {
        await using var first = await PostgresTestServer.CreateDatabaseAsync();
        await using var second = await PostgresTestServer.CreateDatabaseAsync();
        await PostDeploymentPhaseTests.AtFirstReleaseAsync(first.ConnectionString);
        await PostDeploymentPhaseTests.AtFirstReleaseAsync(second.ConnectionString);
        List<TenantTarget> targets = [new("a", first.ConnectionString), new("b", second.ConnectionString)];
        Task<IEnumerable<TenantTarget>> List(CancellationToken _) => Task.FromResult<IEnumerable<TenantTarget>>(targets);
        static PhasesDbContext Create(TenantTarget t) => PhasesDbContext.Create(t.ScopedConnectionString);

        var (deployCode, deployTable) = await CaptureAsync(() => SafeMigrationsCommandLine.TryRunTenantsAsync(["tenants", "migrate"], List, Create));
        deployCode.Should().Be(0, deployTable);
        deployTable.Should().Contain("1 post-deployment deferred (tenants migrate --post-deployment)");
        (await HistoryAsync(second.ConnectionString)).Should().Equal(CreateAccounts.Id, AddAccountNote.Id);
        var (statusCode, statusTable) = await CaptureAsync(() => SafeMigrationsCommandLine.TryRunTenantsAsync(["tenants", "status"], List, Create));
        statusCode.Should().Be(0, "a target whose post-deployment migrations wait is not behind: " + statusTable);
        statusTable.Should().Contain("up to date, 1 post-deployment waiting").And.Contain("2 targets: 0 behind");

        var (postCode, postTable) = await CaptureAsync(
            () => SafeMigrationsCommandLine.TryRunTenantsAsync(["tenants", "migrate", "--post-deployment"], List, Create));
        postCode.Should().Be(0, postTable);
        (await HistoryAsync(first.ConnectionString)).Should().Equal(CreateAccounts.Id, DropLegacyCode.Id, AddAccountNote.Id);
        (await HistoryAsync(second.ConnectionString)).Should().Equal(CreateAccounts.Id, DropLegacyCode.Id, AddAccountNote.Id);
    }

    [Test]
    public async Task Status_names_the_open_expansions_of_an_expanded_database_and_its_waiting_contract()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var deployment = ExpandedDbContext.For(database.ConnectionString))
        {
            await deployment.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ExpandedDbContext.Expand });
        }

        var (code, text) = await RunAsync(["status", "--no-color"], () => ExpandedDbContext.For(database.ConnectionString));

        code.Should().Be(0, text);
        text.Should().Contain("deferred " + ExpandedDbContext.Contract)
            .And.Contain("Open expansions (expanded; the contract, a post-deployment migration, is not applied):")
            .And.Contain($"  rename column members.email to email_address  (expanded by {ExpandedDbContext.Expand})")
            .And.Contain("  make column members.country required").And.Contain("  retire column members.legacy");
        var (_, json) = await RunAsync(["status", "--json"], () => ExpandedDbContext.For(database.ConnectionString));
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("openExpansions").EnumerateArray().Select(e => e.GetProperty("description").GetString())
            .Should().HaveCount(3).And.Contain("retire column members.legacy");
    }

    private static Task<(int? Code, string Output)> RunAsync<TContext>(string[] args, Func<TContext> create)
        where TContext : DbContext
        => CaptureAsync(async () => (int?)await SafeMigrationsCommandLine.RunAsync(args, create));

    private static async Task<(int? Code, string Output)> CaptureAsync(Func<Task<int?>> run)
    {
        var original = Console.Out;
        await using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            return (await run(), output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
