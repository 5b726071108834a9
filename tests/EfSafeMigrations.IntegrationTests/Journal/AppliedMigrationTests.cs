using EfSafeMigrations.Execution;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Journal;

/// <summary>The database journal through MigrateSafelyAsync: changed checksums of applied migrations, and failed migrations resumed.</summary>
public class AppliedMigrationTests
{
    [Test]
    public async Task An_applied_migration_whose_checksum_changed_stops_the_run_by_name_and_the_repair_accepts_it()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = ShopOptions.Shop(database.ConnectionString);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        // What the journal holds when the migration's code changed after it was applied.
        await JournalVerificationTests.ExecuteAsync(database.ConnectionString,
            $"UPDATE \"__EfSafeMigrationsJournal\" SET checksum = 'checksum-at-apply-time' WHERE migration_id = '{CreateShop.Id}'");

        var run = () => context.Database.MigrateSafelyAsync();

        var error = (await run.Should().ThrowAsync<SafeMigrationException>()).Which;
        error.Message.Should().Contain(JournalProblemCodes.AppliedEdited).And.Contain($"'{CreateShop.Id}' was edited after it was applied")
            .And.Contain("RepairJournalAsync");
        (await context.Database.GetAppliedMigrationsAsync()).Should().Equal([CreateShop.Id], "nothing more was applied");

        await context.Database.RepairJournalAsync(o => o.AcceptedMigrationIds.Add(CreateShop.Id));
        var report = await context.Database.MigrateSafelyAsync();

        report.AppliedMigrations.Should().Equal(SafeChanges.Id);
    }

    [Test]
    public async Task A_failed_migration_is_recorded_with_its_statement_and_resumed_by_the_next_run()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        // The data preflight would catch the NULL below before anything runs; off, it stands for a NULL written after it.
        await using var context = ShopOptions.Shop(database.ConnectionString, configure: o => o.DataPreflight.Enabled = false);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        // SafeChanges makes customers.email NOT NULL: a NULL fails its validation, after the earlier steps completed.
        await JournalVerificationTests.ExecuteAsync(database.ConnectionString, "INSERT INTO customers (id, email) VALUES (999, NULL)");

        var failing = () => context.Database.MigrateSafelyAsync();

        await failing.Should().ThrowAsync<SafeMigrationException>();
        var failed = (await JournalVerificationTests.QueryAsync(database.ConnectionString, $"""
            SELECT status || '|' || steps_completed || '|' || last_completed_step || '|' || failed_statement || '|' || error
            FROM "__EfSafeMigrationsJournal" WHERE migration_id = '{SafeChanges.Id}'
            """)).Single()!.Split('|');
        failed[0].Should().Be("partial");
        int.Parse(failed[1], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
        failed[3].Should().StartWith("ALTER TABLE customers VALIDATE CONSTRAINT");
        failed[4].Should().Contain("23514", "the check constraint's validation failed");

        await JournalVerificationTests.ExecuteAsync(database.ConnectionString, "UPDATE customers SET email = 'fixed@example.com' WHERE email IS NULL");
        var report = await context.Database.MigrateSafelyAsync();

        report.Problems.Where(p => p.Severity == PreflightSeverity.Error).Should().BeEmpty();
        report.Migrations.Should().ContainSingle(m => m.Id == SafeChanges.Id).Which.ResumedAfterStep.Should().Be(int.Parse(failed[1], System.Globalization.CultureInfo.InvariantCulture));
        (await JournalVerificationTests.QueryAsync(database.ConnectionString,
            $"SELECT status FROM \"__EfSafeMigrationsJournal\" WHERE migration_id = '{SafeChanges.Id}'")).Should().Equal("applied");
    }
}
