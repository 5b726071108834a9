using EfSafeMigrations.IntegrationTests.Models.Shop;
using EfSafeMigrations.IntegrationTests.SafeApply;
using EfSafeMigrations.ThrowawayPostgres.LocalCluster;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Deployment;

/// <summary>Callbacks around a run and each migration, and the ready pg_dump backup.</summary>
public class HookTests
{
    [Test]
    public async Task Hooks_run_in_order_with_the_migration_the_open_connection_and_the_report_so_far()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var calls = new List<string>();
        await using var context = ShopOptions.Shop(database.ConnectionString, configure: o => o.Hooks
            .BeforeRun(h => calls.Add($"before run, {h.Report.Plan.Migrations.Count} planned, {h.Connection.State}"))
            .BeforeMigration(async (h, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", h.Connection);
                calls.Add($"before {h.MigrationId} {h.Direction}, {await command.ExecuteScalarAsync(ct)} in history");
            })
            .AfterMigration(h => calls.Add($"after {h.MigrationId}, {h.Report.AppliedMigrations.Count} applied"))
            .AfterRun(h => calls.Add($"after run, verified: {h.Report.Verification is not null}")));

        await context.Database.MigrateAsync();

        calls.Should().Equal(
            "before run, 2 planned, Open",
            $"before {CreateShop.Id} Up, 0 in history",
            $"after {CreateShop.Id}, 1 applied",
            $"before {SafeChanges.Id} Up, 1 in history",
            $"after {SafeChanges.Id}, 2 applied",
            "after run, verified: True");
    }

    [Test]
    public async Task A_failing_before_run_hook_stops_the_run_with_nothing_applied()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = ShopOptions.Shop(database.ConnectionString,
            configure: o => o.Hooks.BeforeRun(_ => throw new InvalidOperationException("Maintenance window is closed.")));

        var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();

        failure.Which.Message.Should().Be("The before-run hook failed: Maintenance window is closed. Nothing was applied.");
        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().BeEmpty();
        (await SafeApply.Journal.ReadAsync(database.ConnectionString)).Should().BeEmpty();
    }

    [Test]
    public async Task A_failing_after_migration_hook_stops_the_run_after_that_migration_and_the_next_run_continues()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(database.ConnectionString,
                         configure: o => o.Hooks.AfterMigration(_ => throw new InvalidOperationException("Smoke test failed."))))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Message.Should().StartWith($"The after-migration hook of {CreateShop.Id} failed: Smoke test failed. {CreateShop.Id} is complete");
            failure.Which.MigrationId.Should().Be(CreateShop.Id);
        }

        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id);
        await using (var context = ShopOptions.Shop(database.ConnectionString))
        {
            await context.Database.MigrateAsync();
        }

        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
    }

    [Test]
    public async Task The_pg_dump_backup_is_taken_before_applying_and_holds_the_schema_as_it_was()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        var folder = Directory.CreateTempSubdirectory("esm-backup-");
        try
        {
            var plain = Path.Combine(folder.FullName, "before.sql");
            await using (var context = ShopOptions.Shop(database.ConnectionString, configure: o =>
                         {
                             o.Hooks.BackupBeforeApplying(plain);
                             o.Hooks.PgDumpPath = FixturePgDump();
                         }))
            {
                var report = await context.Database.MigrateSafelyAsync();
                report.BackupFile.Should().Be(plain);
            }

            var dump = await File.ReadAllTextAsync(plain);
            dump.Should().Contain("CREATE TABLE public.orders").And.Contain("COPY public.orders")
                .And.NotContain("ix_orders_customer_id", "the dump was taken before SafeChanges ran");
            Directory.GetFiles(folder.FullName).Should().Equal([plain], "no partial file is left behind");

            await using var again = ShopOptions.Shop(database.ConnectionString, configure: o =>
            {
                o.Hooks.BackupBeforeApplying(folder.FullName);
                o.Hooks.PgDumpPath = FixturePgDump();
            });
            (await again.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id })).BackupFile
                .Should().EndWith(".dump").And.StartWith(folder.FullName);
            var custom = Directory.GetFiles(folder.FullName, "*.dump").Single();
            (await File.ReadAllBytesAsync(custom)).Take(5).Should().Equal("PGDMP"u8.ToArray(), "pg_restore's custom format");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_missing_pg_dump_stops_the_run_before_anything_is_applied_and_names_the_fix()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = ShopOptions.Shop(database.ConnectionString, configure: o =>
        {
            o.Hooks.BackupBeforeApplying(Path.Combine(Path.GetTempPath(), "never-written.dump"));
            o.Hooks.PgDumpPath = "/nonexistent/pg_dump";
        });

        var failure = await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<SafeMigrationException>();

        failure.Which.Message.Should().Contain("pg_dump was not found at the configured path '/nonexistent/pg_dump' (Hooks.PgDumpPath)")
            .And.EndWith("Nothing was applied.");
        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().BeEmpty();
    }

    /// <summary>
    /// The fixture's own binaries when it started a local cluster and they include pg_dump; otherwise the library's search,
    /// and the test is skipped (with the reason) when the machine has no pg_dump as new as the server (the version matrix
    /// runs servers whose packages carry no client tools).
    /// </summary>
    private static string? FixturePgDump()
    {
        if (PostgresTestServer.Server is LocalPostgresCluster cluster && File.Exists(Path.Combine(cluster.BinDirectory, "pg_dump")))
        {
            return Path.Combine(cluster.BinDirectory, "pg_dump");
        }

        using var connection = new Npgsql.NpgsqlConnection(PostgresTestServer.Server.AdminConnectionString);
        connection.Open();
        try
        {
            _ = EfSafeMigrations.Deployment.Internal.PgDumpLocator.Find(null, connection.PostgreSqlVersion.Major);
        }
        catch (FileNotFoundException missing)
        {
            Assert.Ignore("No usable pg_dump on this machine: " + missing.Message);
        }

        return null;
    }
}
