using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>Many migrators at once, a killed index build, a long transaction in the way.</summary>
public class ConcurrencyAndFaultTests
{
    [Test]
    public async Task Eight_concurrent_migrators_apply_every_migration_exactly_once_without_deadlock()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = ShopOptions.For<ShopDbContext>(database.ConnectionString, configure: o =>
            o.Execution.LockPollInterval = TimeSpan.FromMilliseconds(50));

        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var context = new ShopDbContext(options);
            return await context.Database.MigrateSafelyAsync();
        }));
        var reports = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(3));

        reports.SelectMany(r => r.AppliedMigrations).Should().BeEquivalentTo([CreateShop.Id, SafeChanges.Id], o => o.WithStrictOrdering());
        (await Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
        (await Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied");
        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        catalog.Indexes.Should().NotContain(i => i.Contains("[INVALID]"));
        catalog.Constraints.Should().NotContain(c => c.Contains("NOT VALIDATED"));
    }

    [Test]
    [Category(TestCategories.Processes)]
    public async Task Eight_migrator_processes_apply_every_migration_exactly_once_without_deadlock()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        // A guard against a deadlock, not a duration: build/test.sh's version matrix runs this test on two
        // PostgreSQL majors at once on two cores, sixteen dotnet processes starting together.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => MigratorProcess.RunAsync(database.ConnectionString, timeout.Token)));

        runs.Should().OnlyContain(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.Errors)));
        runs.SelectMany(r => r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(line => line.StartsWith(MigratorProcess.AppliedPrefix, StringComparison.Ordinal))
            .Should().Equal($"{MigratorProcess.AppliedPrefix}{CreateShop.Id}", $"{MigratorProcess.AppliedPrefix}{SafeChanges.Id}");
        (await Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
        (await Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied");
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Indexes.Should().NotContain(i => i.Contains("[INVALID]"));
    }

    /// <summary>In this fixture, not beside the other database-access tests: two eight-process tests at once overload a 2-core runner.</summary>
    [Test]
    [Category(TestCategories.Processes)]
    public async Task A_missing_database_is_created_by_one_of_eight_migrator_processes_and_each_migration_applied_once()
    {
        await using var owner = await PostgresTestServer.CreateDatabaseAsync();
        await DatabaseAccessTests.AdminAsync($"ALTER ROLE \"{owner.Role}\" CREATEDB");
        var missing = owner.Name + "_new";
        var connectionString = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Database = missing }.ConnectionString;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => MigratorProcess.RunAsync(connectionString, timeout.Token)));

            runs.Should().OnlyContain(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.Errors)));
            runs.SelectMany(r => r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(line => line.StartsWith(MigratorProcess.AppliedPrefix, StringComparison.Ordinal))
                .Should().Equal($"{MigratorProcess.AppliedPrefix}{CreateShop.Id}", $"{MigratorProcess.AppliedPrefix}{SafeChanges.Id}");
            (await Journal.HistoryAsync(connectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
            (await Journal.ReadAsync(connectionString)).Should().OnlyContain(j => j.Status == "applied");
        }
        finally
        {
            await DatabaseAccessTests.AdminAsync($"DROP DATABASE IF EXISTS \"{missing}\" WITH (FORCE)");
        }
    }

    [Test]
    public async Task A_concurrent_index_build_killed_mid_build_is_cleaned_up_and_completed_by_the_next_run()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = ShopOptions.For<SlowShopDbContext>(database.ConnectionString);
        await using (var context = new SlowShopDbContext(options))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        var run = Task.Run(async () =>
        {
            await using var context = new SlowShopDbContext(options);
            return await context.Database.MigrateSafelyAsync();
        });

        await using (var admin = new NpgsqlConnection(database.AdminConnectionString))
        {
            await admin.OpenAsync();
            var builder = await WaitForConcurrentBuildAsync(admin, run);
            builder.Should().NotBeNull("the slow index build should be seen in pg_stat_progress_create_index");
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            kill.Parameters.AddWithValue("pid", builder!.Value);
            await kill.ExecuteScalarAsync();
        }

        var failure = await FluentActions.Awaiting(() => run).Should().ThrowAsync<SafeMigrationException>();
        failure.Which.MigrationId.Should().Be(AddSlowIndex.Id);
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Indexes
            .Should().Contain(i => i.Contains("ix_orders_total_slow") && i.Contains("[INVALID]"), "the killed build leaves an INVALID index");
        var journal = (await Journal.ReadAsync(database.ConnectionString)).Single(j => j.MigrationId == AddSlowIndex.Id);
        journal.Status.Should().Be("partial");
        journal.StepsCompleted.Should().Be(1, "the function was created in step 1; the index build was step 2");

        var logger = new ListLogger();
        SafeMigrationReport report;
        await using (var context = new SlowShopDbContext(options))
        {
            report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Logger = logger });
        }

        report.AppliedMigrations.Should().Equal(AddSlowIndex.Id);
        report.Migrations[0].ResumedAfterStep.Should().Be(1);
        logger.Events.Should().Contain(e => e.Id.Id == 35009, "the INVALID index is dropped before the build runs again");
        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        catalog.Indexes.Should().NotContain(i => i.Contains("[INVALID]"));
        catalog.Indexes.Should().ContainSingle(i => i.Contains("ix_orders_total_slow"));
        (await Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied" && j.StepsCompleted == j.StepsTotal);
    }

    [Test]
    public async Task A_long_transaction_makes_the_migrator_retry_name_the_blocker_fail_cleanly_then_succeed_once_it_is_gone()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = ShopOptions.For<LockedShopDbContext>(database.ConnectionString, configure: o =>
        {
            o.Execution.LockTimeout = TimeSpan.FromSeconds(1);
            o.Execution.MaxAttempts = 3;
            o.Execution.InitialRetryDelay = TimeSpan.FromMilliseconds(50);
            o.Execution.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
        });
        await using (var context = new LockedShopDbContext(options))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        // The application's own role reads the table in a transaction left open: ALTER TABLE must wait for it.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM orders /* long report */", blocker, transaction))
        {
            await read.ExecuteScalarAsync();
        }

        var logger = new ListLogger();
        var failure = await FluentActions.Awaiting(async () =>
        {
            await using var context = new LockedShopDbContext(options);
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Logger = logger });
        }).Should().ThrowAsync<SafeMigrationException>();

        var exception = failure.Which;
        exception.MigrationId.Should().Be(AddOrderNote.Id);
        exception.Blockers.Should().ContainSingle(b => b.Pid == blocker.ProcessID);
        exception.Blockers[0].Query.Should().Contain("long report");
        exception.Blockers[0].State.Should().Be("idle in transaction");
        exception.Message.Should().Contain($"pid {blocker.ProcessID}").And.Contain("3 attempt(s)").And.Contain("nothing of this step was applied");
        exception.Report.Retries.Should().Be(2);
        var retries = logger.Events.Where(e => e.Id.Id == 35006).ToList();
        retries.Should().HaveCount(2);
        retries.Should().Contain(e => e.Message.Contains($"pid {blocker.ProcessID}"), "each retry logs the blocker seen so far");

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Columns.Should().NotContain(c => c.Contains(".note "));
        (await Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id);
        var journal = (await Journal.ReadAsync(database.ConnectionString)).Single(j => j.MigrationId == AddOrderNote.Id);
        journal.Status.Should().Be("failed");
        journal.StepsCompleted.Should().Be(0);
        journal.FailedStatement.Should().Contain("ALTER TABLE orders ADD note");

        await transaction.CommitAsync();
        await using (var context = new LockedShopDbContext(options))
        {
            (await context.Database.MigrateSafelyAsync()).AppliedMigrations.Should().Equal(AddOrderNote.Id);
        }

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Columns.Should().Contain(c => c.StartsWith("public.orders.note text"));
    }

    [Test]
    public async Task A_migrator_gives_up_waiting_for_the_lock_after_LockWaitTimeout_with_nothing_applied()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", holder))
        {
            take.Parameters.AddWithValue("key", Execution.Internal.AdvisoryLock.KeyFor(null, "__EFMigrationsHistory"));
            await take.ExecuteScalarAsync();
        }

        var progress = new List<SafeMigrationProgress>();
        await using var context = ShopOptions.Shop(database.ConnectionString, configure: o =>
        {
            o.Execution.LockWaitTimeout = TimeSpan.FromMilliseconds(300);
            o.Execution.LockPollInterval = TimeSpan.FromMilliseconds(50);
        });
        var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync(
                new MigrateSafelyOptions { Progress = new SafeApplyTests.SyncProgress(progress) }))
            .Should().ThrowAsync<SafeMigrationException>();

        failure.Which.Message.Should().Contain("LockWaitTimeout");
        progress.Should().Contain(p => p.Stage == SafeMigrationStage.WaitingForLock);
        (await CatalogSnapshot.ReadAsync(database.ConnectionString, includeBookkeeping: true)).Tables.Should().BeEmpty();
    }

    private static async Task<int?> WaitForConcurrentBuildAsync(NpgsqlConnection admin, Task run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await using var find = new NpgsqlCommand("""
                SELECT p.pid FROM pg_stat_progress_create_index p
                WHERE p.datname = current_database() AND p.command = 'CREATE INDEX CONCURRENTLY' AND p.phase LIKE 'building index%'
                LIMIT 1
                """, admin);
            if (await find.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(20);
        }

        return null;
    }
}
