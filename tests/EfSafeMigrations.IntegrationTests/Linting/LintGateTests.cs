using EfSafeMigrations.Execution;
using EfSafeMigrations.IntegrationTests.Models.Lint;
using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Linting;

public class LintGateTests
{
    [Test]
    public async Task Pending_migrations_are_linted_against_the_connected_server_version()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = AccountsDbContext.Create(database.ConnectionString);

        var before = await context.Database.LintPendingMigrationsAsync();
        await context.Database.MigrateAsync(CreateAccountsBase.Id);
        var after = await context.Database.LintPendingMigrationsAsync();

        before.MigrationIds.Should().Equal(CreateAccountsBase.Id, DropLegacyCodeBase.Id);
        before.PostgresVersion.Should().BeGreaterThanOrEqualTo(12, "the version comes from the server when none is configured");
        after.MigrationIds.Should().Equal(DropLegacyCodeBase.Id);
        after.IsBlocking.Should().BeTrue();
        after.BlockingFindings.Should().ContainSingle().Which.Message.Should().Be("Column accounts.legacy_code is dropped");
    }

    [Test]
    public async Task The_preflight_gate_is_registered_and_refuses_an_unassured_drop()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = AccountsDbContext.Create(database.ConnectionString, o => o.Lint.TargetPostgresVersion = 15);

        var problems = await RunGateAsync(context);

        problems.Should().ContainSingle(p => p.Severity == PreflightSeverity.Error)
            .Which.Should().Match<PreflightProblem>(p => p.Code == "ESM0018" && p.MigrationId == DropLegacyCodeBase.Id && p.Check == "lint");
    }

    [Test]
    public async Task The_preflight_gate_lets_an_assured_drop_through_with_its_reason()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = AssuredAccountsDbContext.Create(database.ConnectionString);

        var problems = await RunGateAsync(context);

        problems.Should().NotContain(p => p.Severity == PreflightSeverity.Error);
        problems.Should().ContainSingle(p => p.Code == "ESM0018").Which.Message.Should().Contain("legacy_code unused since v2");
    }

    [Test]
    public async Task MigrateSafelyAsync_refuses_the_unassured_drop_with_nothing_applied_and_applies_it_once_assured()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = AccountsDbContext.Create(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateAccountsBase.Id });
            var refused = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            refused.Which.Message.Should().Contain("ESM0018").And.Contain(DropLegacyCodeBase.Id).And.Contain("Column accounts.legacy_code is dropped")
                .And.Contain(RuleCatalog.DropColumn.Why).And.Contain("[SafetyAssured(\"ESM0018\"");
            (await context.Database.GetAppliedMigrationsAsync()).Should().Equal([CreateAccountsBase.Id], "the gate runs before anything is applied");
        }

        await using var assured = AssuredAccountsDbContext.Create(database.ConnectionString);
        var report = await assured.Database.MigrateSafelyAsync();

        report.AppliedMigrations.Should().Equal(DropLegacyCodeBase.Id);
        report.Problems.Should().ContainSingle(p => p.Code == "ESM0018").Which.Severity.Should().Be(PreflightSeverity.Info);
    }

    [Test]
    public async Task On_a_fresh_database_a_drop_from_a_table_created_earlier_in_the_same_run_is_not_refused()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = AccountsDbContext.Create(database.ConnectionString);

        var report = await context.Database.MigrateSafelyAsync();

        report.AppliedMigrations.Should().Equal(CreateAccountsBase.Id, DropLegacyCodeBase.Id);
        report.Problems.Should().NotContain(p => p.Code == "ESM0018", "accounts did not exist before the run: it is new, and empty, when the column is dropped");
    }

    [Test]
    public void All_migrations_are_linted_without_a_database()
    {
        using var context = AccountsDbContext.Create("Host=127.0.0.1;Port=1;Database=none");

        var report = context.Database.LintMigrations();

        report.MigrationIds.Should().HaveCount(2);
        report.BlockingFindings.Select(f => f.RuleId).Should().Equal("ESM0018");
        report.PostgresVersion.Should().BeNull();
    }

    /// <summary>Runs the gate over the drop, with the table it drops from created before (by an earlier run).</summary>
    private static async Task<IReadOnlyList<PreflightProblem>> RunGateAsync(DbContext context)
    {
        var checks = context.GetService<IEnumerable<IMigrationPreflightCheck>>().ToList();
        checks.Should().ContainSingle(c => c is LintPreflightCheck);
        await context.Database.MigrateAsync(CreateAccountsBase.Id);
        var assembly = context.GetService<IMigrationsAssembly>();
        var migrations = assembly.Migrations
            .Select(m => (m.Key, assembly.CreateMigration(m.Value, context.Database.ProviderName!)))
            .ToList();
        var preflight = new PreflightContext(context, SafeMigrationsOptionsOf(context), migrations, [CreateAccountsBase.Id],
            [.. migrations.Where(m => m.Key == DropLegacyCodeBase.Id)]);
        return await checks.OfType<LintPreflightCheck>().Single().RunAsync(preflight, CancellationToken.None);
    }

    private static SafeMigrationsOptions SafeMigrationsOptionsOf(DbContext context)
        => context.GetService<IDbContextOptions>().FindExtension<EfSafeMigrations.Infrastructure.Internal.SafeMigrationsOptionsExtension>()!.Options;

    [Test]
    public async Task The_safe_SET_NOT_NULL_sequence_in_raw_SQL_passes_the_gate_and_applies_to_a_table_with_rows()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = MembersDbContext.Create(database.ConnectionString);

        var report = await context.Database.LintPendingMigrationsAsync();
        await context.Database.MigrateSafelyAsync();

        report.Findings.Should().NotContain(f => f.RuleId == "ESM0007", "the validated check proves the column before SET NOT NULL");
        report.IsBlocking.Should().BeFalse();
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT is_nullable || ' ' || (SELECT count(*) FROM pg_constraint WHERE conname = 'CK_Members_Email_NotNull') " +
            "FROM information_schema.columns WHERE table_name = 'Members' AND column_name = 'Email'", connection);
        (await command.ExecuteScalarAsync()).Should().Be("NO 0");
    }
}
