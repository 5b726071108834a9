using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// Sessions holding a snapshot make <c>CREATE INDEX CONCURRENTLY</c> wait for them (a virtual-transaction-id wait), and
/// a reader of the table makes the cleanup's <c>DROP INDEX CONCURRENTLY</c> wait too. The executor retries both under
/// its policy, names the blocker in every retry and in the final error, and leaves no INVALID index behind.
/// </summary>
public class SnapshotBlockerTests
{
    /// <summary>Short lock timeouts and retry delays; the shop tables created, the index migration pending.</summary>
    private static async Task<DbContextOptions<SnapshotShopDbContext>> ShopWithIndexPendingAsync(string connectionString, int maxAttempts)
    {
        var options = ShopOptions.For<SnapshotShopDbContext>(connectionString, configure: o =>
        {
            o.Execution.LockTimeout = TimeSpan.FromMilliseconds(300);
            o.Execution.MaxAttempts = maxAttempts;
            o.Execution.InitialRetryDelay = TimeSpan.FromMilliseconds(50);
            o.Execution.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
        });
        await using var context = new SnapshotShopDbContext(options);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        return options;
    }

    [Test]
    public async Task A_repeatable_read_reader_of_the_table_makes_the_build_and_its_cleanup_retry_naming_it_then_the_run_succeeds_once_it_ends()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = await ShopWithIndexPendingAsync(database.ConnectionString, maxAttempts: 50);

        // A report in REPEATABLE READ: its snapshot stalls the build's last phase, its lock on orders the INVALID index's drop.
        await using var reader = await HeldReader.StartAsync(
            database.ConnectionString, "SELECT count(*) FROM orders /* nightly report */", System.Data.IsolationLevel.RepeatableRead);

        var logger = new ListLogger();
        var cleanupRetried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(async () =>
        {
            await using var context = new SnapshotShopDbContext(options);
            return await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions
            {
                Logger = logger,
                Progress = new OnRetry("while dropping the INVALID index", cleanupRetried),
            });
        });

        // The build times out on the snapshot, then the drop of the INVALID index it left times out on the lock: both retried.
        await Task.WhenAny(cleanupRetried.Task, run).WaitAsync(TimeSpan.FromMinutes(1));
        if (run.IsCompleted)
        {
            await run; // shows why the run ended while the blocker was still there
            Assert.Fail("The run completed while the blocker still held its snapshot and lock.");
        }

        await reader.EndAsync();
        var report = await run.WaitAsync(TimeSpan.FromMinutes(1));

        report.AppliedMigrations.Should().Equal(AddOrderNumberIndex.Id);
        report.Retries.Should().BeGreaterThanOrEqualTo(2);
        var retries = logger.Events.Where(e => e.Id.Id == 35006).Select(e => e.Message).ToList();
        retries.Should().NotBeEmpty().And.OnlyContain(m => m.Contains($"pid {reader.Pid} (idle in transaction, transaction open ")
                                                           && m.Contains("nightly report"), "every retry names the blocker: pid, state, age, query");
        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        catalog.Indexes.Should().NotContain(i => i.Contains("[INVALID]"));
        catalog.Indexes.Should().ContainSingle(i => i.Contains("ix_orders_number"));
        (await Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied");
    }

    [Test]
    [Category(TestCategories.Processes)]
    public async Task A_snapshot_held_by_another_process_fails_the_build_after_every_attempt_naming_it_and_leaves_no_INVALID_index()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = await ShopWithIndexPendingAsync(database.ConnectionString, maxAttempts: 3);

        // Another process holds a snapshot while it reads a different table: no lock on orders, so pg_locks shows nothing.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var holder = ChildProcess.Start("hold-snapshot", database.ConnectionString);
        var pid = int.Parse((await holder.WaitForLineAsync(l => l.StartsWith(MigratorProcess.HoldingPrefix, StringComparison.Ordinal), timeout.Token))
            [MigratorProcess.HoldingPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);

        var logger = new ListLogger();
        var failure = await FluentActions.Awaiting(async () =>
        {
            await using var context = new SnapshotShopDbContext(options);
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Logger = logger });
        }).Should().ThrowAsync<SafeMigrationException>();

        var exception = failure.Which;
        exception.MigrationId.Should().Be(AddOrderNumberIndex.Id);
        exception.Report.Retries.Should().Be(2, "the snapshot wait is retried like a lock wait, up to MaxAttempts");
        exception.Blockers.Should().ContainSingle(b => b.Pid == pid);
        exception.Blockers[0].State.Should().Be("idle in transaction");
        exception.Blockers[0].Query.Should().Contain("held snapshot");
        exception.Blockers[0].TransactionAge.Should().NotBeNull();
        exception.Message.Should().Contain($"pid {pid} (idle in transaction, transaction open ").And.Contain("3 attempt(s)")
            .And.Contain("nothing of this step was applied.");
        var retries = logger.Events.Where(e => e.Id.Id == 35006).Select(e => e.Message).ToList();
        retries.Should().HaveCount(2).And.OnlyContain(m => m.Contains($"pid {pid} (idle in transaction") && m.Contains("held snapshot"));
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Indexes
            .Should().NotContain(i => i.Contains("ix_orders_number"), "the INVALID index of the last attempt is dropped on the way out");
        (await Journal.ReadAsync(database.ConnectionString)).Single(j => j.MigrationId == AddOrderNumberIndex.Id).Status.Should().Be("failed");

        holder.CloseInput();
        (await holder.WaitForExitAsync(timeout.Token)).ExitCode.Should().Be(0);
        await using (var context = new SnapshotShopDbContext(options))
        {
            (await context.Database.MigrateSafelyAsync()).AppliedMigrations.Should().Equal(AddOrderNumberIndex.Id);
        }

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Indexes
            .Should().ContainSingle(i => i.Contains("ix_orders_number") && !i.Contains("[INVALID]"));
    }

    /// <summary>Completes <paramref name="reached"/> at the first retry whose message contains <paramref name="text"/>.</summary>
    private sealed class OnRetry(string text, TaskCompletionSource reached) : IProgress<SafeMigrationProgress>
    {
        public void Report(SafeMigrationProgress value)
        {
            if (value.Stage == SafeMigrationStage.Retrying && value.Message.Contains(text, StringComparison.Ordinal))
            {
                reached.TrySetResult();
            }
        }
    }
}
