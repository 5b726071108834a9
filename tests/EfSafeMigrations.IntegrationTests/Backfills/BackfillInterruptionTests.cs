using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Backfills;
using EfSafeMigrations.IntegrationTests.SafeApply;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static EfSafeMigrations.IntegrationTests.Backfills.BackfillDatabase;

namespace EfSafeMigrations.IntegrationTests.Backfills;

/// <summary>
/// A backfill stopped in the middle of a batch (SIGKILL of the migrating process, or the caller's cancellation), with a
/// non-idempotent update (<c>hits = hits + 1</c>): the batch in flight rolls back with its checkpoint, the rerun resumes
/// at the next batch, and every row ends incremented exactly once. The batch holding row 30 waits at a gate (an
/// advisory lock the test holds), so the stop lands mid-batch by construction, not by timing.
/// </summary>
[Category(TestCategories.Processes)]
public class BackfillInterruptionTests
{
    private const int Committed = (BackfillIds.GateRow - 1) / BackfillIds.BatchSize;

    [Test]
    public async Task SIGKILL_mid_batch_then_a_rerun_resumes_at_the_next_batch_and_updates_each_row_exactly_once()
    {
        await using var database = await GatedAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var admin = new NpgsqlConnection(database.AdminConnectionString);
        await admin.OpenAsync();
        await GateAsync(admin, "pg_advisory_lock");

        int orphan;
        await using (var killed = ChildProcess.Start("migrate-counters", database.ConnectionString))
        {
            orphan = await WaitForGateAsync(admin, null, timeout.Token);
            await killed.WaitForLineAsync(l => l.Contains($"{Committed} batches", StringComparison.Ordinal), timeout.Token);
            await killed.KillAsync();
        }

        // The killed client's backend still waits at the gate, inside its batch; let it go on and find its client gone.
        await ExecuteAsync(database.AdminConnectionString, "DELETE FROM gate");
        await GateAsync(admin, "pg_advisory_unlock");
        await WaitForBackendGoneAsync(admin, orphan, timeout.Token);
        (await CheckpointAsync(database.ConnectionString)).Should().Be($"running {Committed} {Committed * 7} {Committed * 7}");

        SafeMigrationReport report;
        await using (var context = BackfillContexts.Create<CounterDbContext>(database.ConnectionString))
        {
            report = await context.Database.MigrateSafelyAsync(timeout.Token);
        }

        (await ColumnAsync(database.ConnectionString, "SELECT DISTINCT hits FROM counters")).Should().Equal("1");
        report.Backfills.Single().Should().BeEquivalentTo(new { ResumedAfterBatch = Committed, RowsUpdated = (long)BackfillIds.Rows });
        (await SafeApply.Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied");
    }

    [Test]
    public async Task Cancelling_mid_batch_rolls_the_batch_back_and_the_next_run_resumes_exactly_once()
    {
        await using var database = await GatedAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var admin = new NpgsqlConnection(database.AdminConnectionString);
        await admin.OpenAsync();
        await GateAsync(admin, "pg_advisory_lock");

        using var cancel = new CancellationTokenSource();
        var run = Task.Run(async () =>
        {
            await using var context = BackfillContexts.Create<CounterDbContext>(database.ConnectionString);
            return await context.Database.MigrateSafelyAsync(cancel.Token);
        });
        var pid = await WaitForGateAsync(admin, run, timeout.Token);
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>();

        await using (var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid AND wait_event = 'advisory'", admin))
        {
            waiting.Parameters.AddWithValue("pid", pid);
            ((long)(await waiting.ExecuteScalarAsync())!).Should().Be(0, "the batch was cancelled on the server, not only abandoned by the client");
        }

        (await CheckpointAsync(database.ConnectionString)).Should().Be($"running {Committed} {Committed * 7} {Committed * 7}");
        await ExecuteAsync(database.AdminConnectionString, "DELETE FROM gate");
        await GateAsync(admin, "pg_advisory_unlock");
        await using (var context = BackfillContexts.Create<CounterDbContext>(database.ConnectionString))
        {
            (await context.Database.MigrateSafelyAsync(timeout.Token)).Backfills.Single().ResumedAfterBatch.Should().Be(Committed);
        }

        (await ColumnAsync(database.ConnectionString, "SELECT DISTINCT hits FROM counters")).Should().Equal("1");
    }

    /// <summary>The counters table created, the gate set to wait.</summary>
    private static async Task<EfSafeMigrations.ThrowawayPostgres.ThrowawayDatabase> GatedAsync()
    {
        var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = BackfillContexts.Create<CounterDbContext>(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = BackfillIds.Create });
        }

        await ExecuteAsync(database.ConnectionString, "INSERT INTO gate VALUES ('wait')");
        return database;
    }

    private static async Task GateAsync(NpgsqlConnection admin, string function)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}({BackfillIds.GateKey})::text", admin);
        await command.ExecuteScalarAsync();
    }
}
