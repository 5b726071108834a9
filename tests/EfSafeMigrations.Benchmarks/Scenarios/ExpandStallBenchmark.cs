using System.Diagnostics;
using EfSafeMigrations.Benchmarks.Harness;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>
/// Insert latency while the expand of a column rename runs (ADD COLUMN, trigger, batched backfill of every row) with the old
/// version inserting, and while its contract runs (NOT NULL validated, trigger and old column dropped) with the new version
/// inserting, each against a noise floor measured the same way, as long, on the same data, without the migration.
/// </summary>
public sealed class ExpandStallBenchmark(BenchDatabases databases, BenchSettings settings)
{
    public sealed record Run(string Mode, LatencyStats Writes, double Ms, string? Error);

    /// <summary>One half: its median run and the median floor measured beside it.</summary>
    public sealed record Half(string Name, Run Migration, LatencyStats NoiseFloor)
    {
        public double WorstToFloor => NoiseFloor.WorstMs > 0 ? Migration.Writes.WorstMs / NoiseFloor.WorstMs : double.NaN;
    }

    public async Task<IReadOnlyList<Half>> RunAsync()
    {
        Console.WriteLine($"Preparing the expand templates with {settings.Rows:N0} rows...");
        var plain = await databases.CreateAsync("esm_bench_expand", DdlScenarios.SetupSql(settings.Rows));
        var expanded = await databases.CopyAsync(plain, "esm_bench_expanded");
        await MigrateAsync(databases.App(expanded), Only(ExpandScenarios.ExpandStallId, ExpandScenarios.ExpandStall), postDeployment: false);
        await BenchDatabases.ExecuteAsync(databases.App(expanded), "VACUUM ANALYZE events");
        NpgsqlConnection.ClearAllPools();

        var (expands, expandFloors, contracts, contractFloors) = (new List<Run>(), new List<Run>(), new List<Run>(), new List<Run>());
        for (var i = 0; i < settings.Repeat; i++)
        {
            expands.Add(await MeasureAsync(plain, "expand", DdlScenarios.InsertSql, Only(ExpandScenarios.ExpandStallId, ExpandScenarios.ExpandStall), false));
            expandFloors.Add(await MeasureFloorAsync(plain, DdlScenarios.InsertSql, expands[^1].Ms));
            contracts.Add(await MeasureAsync(expanded, "contract", ExpandScenarios.Release2EventsInsert, Both, true));
            contractFloors.Add(await MeasureFloorAsync(expanded, ExpandScenarios.Release2EventsInsert, contracts[^1].Ms));
        }

        await databases.DropAsync(expanded);
        await databases.DropAsync(plain);
        Half[] halves =
        [
            new("expand (old version inserting)", Median(expands), Median(expandFloors).Writes),
            new("contract (new version inserting)", Median(contracts), Median(contractFloors).Writes),
        ];
        foreach (var h in halves)
        {
            Console.WriteLine($"{h.Name}: worst {h.Migration.Writes.WorstMs:0} ms against a floor of {h.NoiseFloor.WorstMs:0} ms ({h.WorstToFloor:0.0}x), {h.Migration.Ms / 1000:0.0} s{(h.Migration.Error is null ? "" : " (failed: " + h.Migration.Error + ")")}");
        }

        return halves;
    }

    private static IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> Only(string id, Action<MigrationBuilder> up) => [(id, up)];

    private static IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> Both { get; } =
        [(ExpandScenarios.ExpandStallId, ExpandScenarios.ExpandStall), (ExpandScenarios.ContractStallId, ExpandScenarios.ContractStall)];

    private static Run Median(IReadOnlyList<Run> runs)
        => runs.FirstOrDefault(r => r.Error is not null) ?? runs.OrderBy(r => r.Writes.WorstMs).ElementAt(runs.Count / 2);

    private static async Task MigrateAsync(string connectionString, IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> migrations, bool postDeployment)
    {
        var assembly = DelegateMigration.Emit(typeof(BenchContext), migrations);
        await using var context = new BenchContext(BenchContext.Options(connectionString, assembly, safe: true, o =>
        {
            o.ExpandContract.ApplyPostDeployment = postDeployment;
            // The writers of the contract run are the new version: there is no old writer to wait for.
            o.ExpandContract.OldWriterQuietPeriod = TimeSpan.Zero;
        }));
        await SafeMigrator.MigrateAsync(context, safe: true);
    }

    private Task<Run> MeasureFloorAsync(string template, string insertSql, double ms)
        // The worst of a longer window is larger by chance alone: the floor is watched as long as the migration ran.
        => MeasureAsync(template, "no DDL", insertSql, null, false, TimeSpan.FromMilliseconds(Math.Max(ms, settings.NoiseFloorSeconds * 1000)));

    private async Task<Run> MeasureAsync(
        string template, string mode, string insertSql, IReadOnlyList<(string Id, Action<MigrationBuilder> Up)>? migrations, bool postDeployment,
        TimeSpan floorDuration = default)
    {
        var database = await databases.CloneAsync(template);
        // Copying the template filled the WAL: every run starts right after a checkpoint, not inside the one it calls for.
        await databases.CheckpointAsync();
        var connectionString = databases.App(database);
        string? error = null;
        LatencyStats writes;
        double ms;
        await using (var load = WriteLoad.Start(connectionString, insertSql, settings.Writers))
        {
            await Task.Delay(TimeSpan.FromSeconds(0.5));
            var from = Stopwatch.GetTimestamp();
            try
            {
                await (migrations is null ? Task.Delay(floorDuration) : MigrateAsync(connectionString, migrations, postDeployment));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
            }

            var to = Stopwatch.GetTimestamp();
            ms = Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
            await Task.Delay(TimeSpan.FromSeconds(0.2)); // inserts queued behind the DDL finish and are counted
            writes = load.Between(from, to);
        }

        await databases.DropAsync(database);
        return new Run(mode, writes, ms, error);
    }
}
