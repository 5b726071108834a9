using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

public class ScaffoldedFormAndSecretsTests
{
    [Test]
    public async Task A_migration_in_scaffolded_safe_form_applies_to_the_schema_plain_EF_produces()
    {
        await using var plain = await PostgresTestServer.CreateDatabaseAsync();
        await using var safe = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = new ScaffoldedShopDbContext(ShopOptions.For<ScaffoldedShopDbContext>(plain.ConnectionString, safe: false)))
        {
            await context.Database.MigrateAsync();
        }

        SafeMigrationReport report;
        await using (var context = new ScaffoldedShopDbContext(ShopOptions.For<ScaffoldedShopDbContext>(safe.ConnectionString)))
        {
            report = await context.Database.MigrateSafelyAsync();
        }

        (await CatalogSnapshot.ReadAsync(safe.ConnectionString)).ToString()
            .Should().Be((await CatalogSnapshot.ReadAsync(plain.ConnectionString)).ToString());
        var steps = report.Plan.Migrations[1].Steps;
        steps.Where(s => !s.Transactional).Select(s => s.Statements[0].Kind).Should().Equal(
            PlannedStatementKind.ConcurrentIndex, PlannedStatementKind.Validate, PlannedStatementKind.Validate, PlannedStatementKind.Validate,
            PlannedStatementKind.ConcurrentIndex);
        steps.SelectMany(s => s.Statements).Count(s => s.Sql.Contains("VALIDATE CONSTRAINT")).Should().Be(3, "each constraint is validated once");
        steps.SelectMany(s => s.Statements).Last(s => s.Kind == PlannedStatementKind.ConcurrentIndex).IndexName.Should().Be("ak_orders_number");
        steps[^1].Transactional.Should().BeTrue("the history insert commits together with the journal row");
    }

    [Test]
    public async Task Passwords_appear_in_no_log_report_exception_or_journal_row()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var connectionPassword = new NpgsqlConnectionStringBuilder(database.ConnectionString).Password;
        connectionPassword.Should().NotBeNullOrEmpty();
        var logger = new ListLogger();
        var dryRun = await new SecretShopDbContext(ShopOptions.For<SecretShopDbContext>(database.ConnectionString)).Database
            .MigrateSafelyAsync(new MigrateSafelyOptions { DryRun = true });

        var failure = await FluentActions.Awaiting(async () =>
        {
            await using var context = new SecretShopDbContext(ShopOptions.For<SecretShopDbContext>(database.ConnectionString));
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Logger = logger });
        }).Should().ThrowAsync<SafeMigrationException>();

        var journal = await Journal.ReadAsync(database.ConnectionString);
        var everything = string.Join("\n",
            failure.Which.ToString(), failure.Which.Report.Plan.ToString(), dryRun.Plan.ToString(), logger.AllText,
            string.Join("\n", journal.Select(j => j.FailedStatement + " " + j.Error)));
        everything.Should().NotContain(AlterRoleWithPassword.Secret).And.NotContain(connectionPassword!);
        journal.Single().FailedStatement.Should().Contain("PASSWORD '***'");
        failure.Which.Report.Plan.Migrations[0].Steps[0].Statements[0].Sql.Should().Contain("PASSWORD '***'");
    }
}
