using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>With nothing pending a run skips the migration lock, yet still verifies the journal; anything to do still waits for the lock.</summary>
public class NothingPendingTests
{
    [Test]
    public async Task With_nothing_pending_a_run_needs_no_lock_still_verifies_every_checksum_and_a_revert_still_waits_for_the_lock()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var first = ShopOptions.Shop(database.ConnectionString))
        {
            (await first.Database.MigrateSafelyAsync()).AppliedMigrations.Should().Equal(CreateShop.Id, SafeChanges.Id);
        }

        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", holder))
        {
            take.Parameters.AddWithValue("key", Execution.Internal.AdvisoryLock.KeyFor(null, "__EFMigrationsHistory"));
            await take.ExecuteScalarAsync();
        }

        void ShortWait(SafeMigrationsOptions o)
        {
            o.Execution.LockWaitTimeout = TimeSpan.FromMilliseconds(300);
            o.Execution.LockPollInterval = TimeSpan.FromMilliseconds(50);
        }

        var progress = new List<SafeMigrationProgress>();
        await using (var noOp = ShopOptions.Shop(database.ConnectionString, configure: ShortWait))
        {
            var report = await noOp.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Progress = new SafeApplyTests.SyncProgress(progress) });
            report.AppliedMigrations.Should().BeEmpty();
            report.Problems.Should().NotContain(p => p.Severity == Execution.PreflightSeverity.Error);
        }

        progress.Should().NotContain(p => p.Stage == SafeMigrationStage.WaitingForLock || p.Stage == SafeMigrationStage.LockAcquired);

        await using (var revert = ShopOptions.Shop(database.ConnectionString, configure: ShortWait))
        {
            var failure = await FluentActions.Awaiting(() => revert.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id }))
                .Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Message.Should().Contain("LockWaitTimeout");
        }

        (await Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
        await holder.CloseAsync();

        // An applied migration whose recorded checksum differs: the no-op run must still refuse to start.
        await using (var tamper = new NpgsqlConnection(database.AdminConnectionString))
        {
            await tamper.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE \"__EfSafeMigrationsJournal\" SET checksum = repeat('0', 64) WHERE migration_id = @id", tamper);
            update.Parameters.AddWithValue("id", CreateShop.Id);
            (await update.ExecuteNonQueryAsync()).Should().Be(1);
        }

        await using (var edited = ShopOptions.Shop(database.ConnectionString))
        {
            var failure = await FluentActions.Awaiting(() => edited.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Report.Problems.Should().Contain(p => p.Code == JournalProblemCodes.AppliedEdited && p.MigrationId == CreateShop.Id);
        }
    }
}
