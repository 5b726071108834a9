using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// A deploy killed (SIGKILL) during <c>CREATE INDEX CONCURRENTLY</c> and restarted at once: the killed process's backend
/// goes on building (the server notices the dead client only when the build ends). The rerun, a separate process,
/// must recognise that build as an earlier migrator's, wait for it, and end with a valid index and an applied journal.
/// </summary>
[Category(TestCategories.Processes)]
public class OrphanedIndexBuildTests
{
    [Test]
    public async Task A_rerun_right_after_a_SIGKILL_waits_for_the_orphaned_build_and_leaves_a_valid_index_and_an_applied_journal()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = new GatedShopDbContext(ShopOptions.For<GatedShopDbContext>(database.ConnectionString)))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var admin = new NpgsqlConnection(database.AdminConnectionString);
        await admin.OpenAsync();
        await SetGateAsync(admin, "pg_advisory_lock"); // closed: the build cannot finish until the test opens it

        await using var killed = ChildProcess.Start("migrate-gated", database.ConnectionString);
        var (orphan, applicationName) = await WaitForBuildAsync(admin, timeout.Token);
        applicationName.Should().Be(MigratorApplicationName.Value, "the migrator names its sessions when the connection string does not");
        await killed.KillAsync();

        await using var rerun = ChildProcess.Start("migrate-gated", database.ConnectionString);
        var waiting = await rerun.WaitForLineAsync(l => l.StartsWith(MigratorProcess.ProgressPrefix + nameof(SafeMigrationStage.WaitingForIndexBuild),
            StringComparison.Ordinal), timeout.Token);
        waiting.Should().Contain($"pid {orphan}").And.Contain("earlier migrator");
        (await BuildersAsync(admin)).Should().Equal([orphan], "the orphaned backend is still building while the rerun waits");

        await SetGateAsync(admin, "pg_advisory_unlock");
        var (exitCode, output, errors) = await rerun.WaitForExitAsync(timeout.Token);

        exitCode.Should().Be(0, errors);
        output.Should().Contain(MigratorProcess.AppliedPrefix + AddGatedIndex.Id);
        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        catalog.Indexes.Should().NotContain(i => i.Contains("[INVALID]"));
        catalog.Indexes.Should().ContainSingle(i => i.Contains(AddGatedIndex.IndexName));
        (await Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied" && j.StepsCompleted == j.StepsTotal);
        (await BuildersAsync(admin)).Should().BeEmpty();
    }

    private static async Task SetGateAsync(NpgsqlConnection admin, string function)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}({AddGatedIndex.GateKey})::text", admin);
        await command.ExecuteScalarAsync();
    }

    private static async Task<(int Pid, string ApplicationName)> WaitForBuildAsync(NpgsqlConnection admin, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var find = new NpgsqlCommand("""
                SELECT p.pid, a.application_name FROM pg_stat_progress_create_index p JOIN pg_stat_activity a ON a.pid = p.pid
                WHERE p.datname = current_database() AND p.command = 'CREATE INDEX CONCURRENTLY' AND p.phase LIKE 'building index%'
                """, admin);
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    return (reader.GetInt32(0), reader.GetString(1));
                }
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task<List<int>> BuildersAsync(NpgsqlConnection admin)
    {
        await using var find = new NpgsqlCommand("SELECT pid FROM pg_stat_progress_create_index WHERE datname = current_database()", admin);
        var pids = new List<int>();
        await using var reader = await find.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }
}
