using EfSafeMigrations.IntegrationTests.Models.Shop;
using EfSafeMigrations.IntegrationTests.SafeApply;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Deployment;

/// <summary>
/// EF's Migrate()/MigrateAsync() (what dotnet ef database update and bundles call) go through the safe runner when the context
/// uses UseSafeMigrations, keep EF's behaviour (targets, seeding) and take EF's own path when opted out.
/// </summary>
public class MigrateRoutingTests
{
    [Test]
    public async Task MigrateAsync_applies_through_the_safe_runner_journaling_each_migration_and_logging_progress()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var logger = new ListLogger();
        await using var context = new ShopDbContext(
            new DbContextOptionsBuilder<ShopDbContext>(ShopOptions.For<ShopDbContext>(database.ConnectionString))
                .UseLoggerFactory(LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(logger))))
                .Options);

        await context.Database.MigrateAsync();

        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
        (await SafeApply.Journal.ReadAsync(database.ConnectionString)).Select(j => $"{j.MigrationId} {j.Status}")
            .Should().Equal($"{CreateShop.Id} applied", $"{SafeChanges.Id} applied");
        logger.Events.Should().Contain(e => e.Id.Id == 35002, "the advisory lock was taken")
            .And.Contain(e => e.Id.Id == 35007 && e.Message.Contains(SafeChanges.Id), "progress goes to the context's logger");
    }

    [Test]
    public async Task Synchronous_Migrate_to_a_target_and_to_0_reverts_as_EF_does_and_clears_the_journal()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = ShopOptions.Shop(database.ConnectionString);

        context.Database.Migrate();
        context.Database.Migrate(CreateShop.Id);

        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id);
        (await SafeApply.Journal.ReadAsync(database.ConnectionString)).Select(j => j.MigrationId).Should().Equal(CreateShop.Id);
        context.Database.Migrate(Microsoft.EntityFrameworkCore.Migrations.Migration.InitialDatabase);
        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().BeEmpty();
        (await SafeApply.Journal.ReadAsync(database.ConnectionString)).Should().BeEmpty();
        (await SafeApply.Journal.ScalarAsync<string>(database.ConnectionString, "SELECT to_regclass('orders')::text")).Should().BeNull();
    }

    [Test]
    public async Task Synchronous_Migrate_creates_a_missing_database_as_EF_does()
    {
        await using var owner = await PostgresTestServer.CreateDatabaseAsync();
        await DatabaseAccessTests.AdminAsync($"ALTER ROLE \"{owner.Role}\" CREATEDB");
        var missing = owner.Name + "_new";
        var connectionString = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Database = missing }.ConnectionString;
        try
        {
            await using (var context = ShopOptions.Shop(connectionString))
            {
                context.Database.Migrate();
            }

            (await SafeApply.Journal.ReadAsync(connectionString)).Select(j => $"{j.MigrationId} {j.Status}")
                .Should().Equal($"{CreateShop.Id} applied", $"{SafeChanges.Id} applied");
        }
        finally
        {
            await DatabaseAccessTests.AdminAsync($"DROP DATABASE IF EXISTS \"{missing}\" WITH (FORCE)");
        }
    }

    [Test]
    public async Task A_retrying_execution_strategy_as_production_apps_configure_it_migrates_through_the_safe_runner()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<ShopDbContext>()
            .UseNpgsql(database.ConnectionString, npgsql => npgsql.EnableRetryOnFailure())
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .UseSafeMigrations()
            .UseSeeding((context, _) => context.Database.ExecuteSqlRaw("UPDATE customers SET email = email"))
            .Options;
        await using var context = new ShopDbContext(options);

        context.Database.Migrate();

        (await SafeApply.Journal.ReadAsync(database.ConnectionString)).Should().HaveCount(2).And.OnlyContain(j => j.Status == "applied");
    }

    [Test]
    public async Task RouteMigrate_false_keeps_EFs_migrator_without_journal_or_lock()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = ShopOptions.Shop(database.ConnectionString, configure: o => o.Deployment.RouteMigrate = false);

        await context.Database.MigrateAsync();

        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
        (await SafeApply.Journal.ScalarAsync<string>(database.ConnectionString, "SELECT to_regclass('\"__EfSafeMigrationsJournal\"')::text"))
            .Should().BeNull("EF's migrator writes no journal");
    }

    [Test]
    public async Task Inside_a_transaction_the_caller_opened_Migrate_is_refused_before_anything_runs()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(database.ConnectionString))
        {
            await using var transaction = await context.Database.BeginTransactionAsync();

            await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<InvalidOperationException>()
                .WithMessage("Migrate() was called inside a transaction*Commit or dispose the transaction before migrating. Nothing was applied.");
        }

        (await SafeApply.Journal.ScalarAsync<string>(database.ConnectionString, "SELECT to_regclass('\"__EFMigrationsHistory\"')::text"))
            .Should().BeNull();
    }

    [Test]
    public async Task Seeding_runs_after_a_routed_Migrate_and_a_synchronous_Migrate_with_only_UseAsyncSeeding_is_refused_before_anything_runs()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var seeded = new List<bool>();
        var syncOnly = new DbContextOptionsBuilder<ShopDbContext>(ShopOptions.For<ShopDbContext>(database.ConnectionString))
            .UseSeeding((_, migrated) => seeded.Add(migrated))
            .Options;
        var asyncOnly = new DbContextOptionsBuilder<ShopDbContext>(ShopOptions.For<ShopDbContext>(database.ConnectionString))
            .UseAsyncSeeding((_, _, _) => Task.CompletedTask)
            .Options;

        await using (var context = new ShopDbContext(asyncOnly))
        {
            FluentActions.Invoking(() => context.Database.Migrate()).Should().Throw<InvalidOperationException>()
                .WithMessage("*UseAsyncSeeding but no UseSeeding*Nothing was applied*");
        }

        (await SafeApply.Journal.ScalarAsync<string>(database.ConnectionString, "SELECT to_regclass('\"__EFMigrationsHistory\"')::text")).Should().BeNull();
        await using (var context = new ShopDbContext(syncOnly))
        {
            context.Database.Migrate();
            context.Database.Migrate();
        }

        seeded.Should().Equal([true, false], "EF tells the seeder whether migrations ran");
    }

    [Test]
    public async Task A_journal_that_disagrees_stops_Migrate_with_the_journals_error_and_nothing_applied()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(database.ConnectionString))
        {
            await context.Database.MigrateAsync(CreateShop.Id);
        }

        await SafeApply.Journal.ScalarAsync<int>(database.AdminConnectionString,
            $"UPDATE \"__EfSafeMigrationsJournal\" SET checksum = 'edited' WHERE migration_id = '{CreateShop.Id}'");
        await using (var context = ShopOptions.Shop(database.ConnectionString))
        {
            var refused = await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<SafeMigrationException>();
            refused.Which.Message.Should().Contain(CreateShop.Id);
            refused.Which.Report.Problems.Should().Contain(p => p.Check == "journal" && p.Severity == Execution.PreflightSeverity.Error);
        }

        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id);
    }
}
