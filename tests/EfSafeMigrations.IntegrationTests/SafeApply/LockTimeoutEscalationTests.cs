using System.Globalization;
using System.Text.RegularExpressions;
using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// A DDL statement waiting for its lock queues every later query on the table behind it: the first attempts wait only
/// briefly (short stalls for the application), later ones longer, so the statement still lands behind a long reader.
/// </summary>
public partial class LockTimeoutEscalationTests
{
    private const int RetriesWhileTheReaderRuns = 4;

    [Test]
    public async Task An_ADD_COLUMN_behind_a_long_reader_lands_after_attempts_whose_lock_timeouts_grow()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = ShopOptions.For<LockedShopDbContext>(database.ConnectionString, configure: o =>
        {
            o.Execution.InitialLockTimeout = TimeSpan.FromMilliseconds(100);
            o.Execution.LockTimeoutGrowth = 2;
            o.Execution.LockTimeout = TimeSpan.FromMilliseconds(1000);
            o.Execution.MaxAttempts = 20;
            o.Execution.InitialRetryDelay = TimeSpan.FromMilliseconds(20);
            o.Execution.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
        });
        await using (var context = new LockedShopDbContext(options))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        // A long report holds the table (ACCESS SHARE) until the migrator has retried a few times.
        await using var reader = await HeldReader.StartAsync(database.ConnectionString, "SELECT count(*) FROM orders /* long report */");

        var logger = new ListLogger();
        var run = Task.Run(async () =>
        {
            await using var context = new LockedShopDbContext(options);
            return await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Logger = logger });
        });
        while (!run.IsCompleted && logger.Events.Count(e => e.Id.Id == 35006) < RetriesWhileTheReaderRuns)
        {
            await Task.Delay(10);
        }

        await reader.EndAsync();
        var report = await run.WaitAsync(TimeSpan.FromMinutes(2));

        report.AppliedMigrations.Should().Equal(AddOrderNote.Id);
        var retries = logger.Events.Where(e => e.Id.Id == 35006).Select(e => e.Message).ToList();
        retries.Should().HaveCountGreaterThanOrEqualTo(RetriesWhileTheReaderRuns, logger.AllText);
        retries.Select(LockTimeoutOf).Take(RetriesWhileTheReaderRuns).Should().Equal([100, 200, 400, 800], "each attempt waits twice as long");
        retries.Select(LockTimeoutOf).Should().OnlyContain(ms => ms <= 1000, "the ceiling is LockTimeout");
        retries.Should().Contain(m => m.Contains("long report"), "the retries name the reader");
        report.Retries.Should().Be(retries.Count);
        report.Migrations.Single().Statements.Should().Contain(s => s.Sql.Contains("ADD note") && s.Attempts == retries.Count + 1);
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Columns.Should().Contain(c => c.StartsWith("public.orders.note text"));
    }

    private static int LockTimeoutOf(string message)
        => int.Parse(AttemptLockTimeout().Match(message).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@", lock_timeout (\d+) ms\)")]
    private static partial Regex AttemptLockTimeout();
}
