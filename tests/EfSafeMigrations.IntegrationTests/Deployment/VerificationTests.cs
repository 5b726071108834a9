using EfSafeMigrations.IntegrationTests.Models.Shop;
using EfSafeMigrations.IntegrationTests.SafeApply;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Deployment;

/// <summary>The post-run verification summary of <see cref="SafeMigrationReport.Verification"/>.</summary>
public class VerificationTests
{
    [Test]
    public async Task A_clean_run_counts_tables_and_indexes_of_the_touched_schema()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = ShopOptions.Shop(database.ConnectionString);

        var report = await context.Database.MigrateSafelyAsync();

        report.Verification.Should().NotBeNull();
        report.Verification!.Schemas.Should().Equal("public");
        report.Verification.Tables.Should().Be(5, "customers, orders, the history table and the journal's two tables (journal, backfill checkpoints)");
        report.Verification.Indexes.Should().BeGreaterThanOrEqualTo(4, "two primary keys, ix_orders_customer_id, ak_orders_number");
        report.Verification.Clean.Should().BeTrue();
        (await context.Database.MigrateSafelyAsync()).Verification.Should().BeNull("nothing ran");
    }

    [Test]
    public async Task An_invalid_index_and_a_NOT_VALID_constraint_left_in_the_schema_are_reported()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        // What a failed concurrent build leaves: duplicates make the unique build fail, the index stays INVALID.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var duplicate = new NpgsqlCommand("UPDATE orders SET number = 'same' WHERE id IN (1, 2)", connection);
            await duplicate.ExecuteNonQueryAsync();
            await using var build = new NpgsqlCommand("CREATE UNIQUE INDEX CONCURRENTLY ix_orders_number_unique ON orders (number)", connection);
            await FluentActions.Awaiting(() => build.ExecuteNonQueryAsync()).Should().ThrowAsync<PostgresException>();
            await using var check = new NpgsqlCommand("ALTER TABLE customers ADD CONSTRAINT ck_customers_id CHECK (id > 0) NOT VALID", connection);
            await check.ExecuteNonQueryAsync();
        }

        var logger = new ListLogger();
        await using var migrating = ShopOptions.Shop(database.ConnectionString);
        await migrating.Database.ExecuteSqlRawAsync("UPDATE orders SET number = 'N' || id WHERE id IN (1, 2)"); // SafeChanges needs them unique
        var report = await migrating.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Logger = logger });

        report.Verification!.InvalidIndexes.Should().Equal("public.ix_orders_number_unique");
        report.Verification.NotValidConstraints.Should().Equal("public.customers.ck_customers_id");
        report.Verification.Clean.Should().BeFalse();
        logger.Events.Should().Contain(e => e.Id.Id == 35032 && e.Message.Contains("ix_orders_number_unique"));
        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
    }
}
