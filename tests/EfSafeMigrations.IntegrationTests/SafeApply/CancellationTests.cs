using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>The caller's <c>CancellationToken</c> (what the commands' Ctrl+C and SIGTERM handling cancels).</summary>
public class CancellationTests
{
    [Test]
    public async Task Cancelling_during_a_lock_wait_cancels_the_statement_on_the_server_records_the_stop_and_the_next_run_applies_it()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = ShopOptions.For<LockedShopDbContext>(database.ConnectionString, configure: o =>
        {
            o.Execution.LockTimeout = TimeSpan.FromMinutes(5); // still waiting when the token is cancelled
            o.Execution.InitialLockTimeout = o.Execution.LockTimeout; // from the first attempt (no escalation)
            o.Execution.MaxAttempts = 1;
        });
        await using (var context = new LockedShopDbContext(options))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        await using var reader = await HeldReader.StartAsync(database.ConnectionString, "SELECT count(*) FROM orders");

        using var cancel = new CancellationTokenSource();
        var run = Task.Run(async () =>
        {
            await using var context = new LockedShopDbContext(options);
            return await context.Database.MigrateSafelyAsync(cancel.Token);
        });
        await using var admin = new NpgsqlConnection(database.AdminConnectionString);
        await admin.OpenAsync();
        (await WaitingMigratorsAsync(admin, run)).Should().Be(1, "the ALTER TABLE waits for the reader's lock");

        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>();
        (await WaitingMigratorsAsync(admin, null)).Should().Be(0, "the statement was cancelled on the server, not only abandoned by the client");
        var journal = (await Journal.ReadAsync(database.ConnectionString)).Single(j => j.MigrationId == AddOrderNote.Id);
        journal.Status.Should().Be("failed", "the stop is recorded: the journal does not claim the migration is still running");
        journal.StepsCompleted.Should().Be(0);

        await reader.EndAsync();
        await using (var context = new LockedShopDbContext(options))
        {
            (await context.Database.MigrateSafelyAsync()).AppliedMigrations.Should().Equal(AddOrderNote.Id);
        }
    }

    /// <summary>Backends of the migrator waiting for a lock; with <paramref name="run"/>, waits until there is one (or the run ends).</summary>
    private static async Task<long> WaitingMigratorsAsync(NpgsqlConnection admin, Task? run)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            await using var count = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = @name AND state = 'active' AND wait_event_type = 'Lock'
                """, admin);
            count.Parameters.AddWithValue("name", MigratorApplicationName.Value);
            var waiting = (long)(await count.ExecuteScalarAsync())!;
            if (run is null || waiting > 0 || run.IsCompleted || DateTime.UtcNow > deadline)
            {
                return waiting;
            }

            await Task.Delay(20);
        }
    }
}
