using System.Diagnostics;
using EfSafeMigrations.Benchmarks.Harness;
using Microsoft.EntityFrameworkCore;
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
    /// <summary>
    /// One run. <see cref="Ddl"/>: the inserts while the DDL ran (the expand's first step, until its backfill reports its first
    /// batch; the whole of a contract), <see cref="DdlMs"/> how long; <see cref="Writes"/>: the whole migration, backfill included.
    /// A floor run has the same windows: its first <see cref="DdlMs"/> (at least the floor's minimum) and all of it.
    /// </summary>
    public sealed record Run(string Mode, LatencyStats Ddl, double DdlMs, LatencyStats Writes, double Ms, long Checkpoints, string? Error);

    /// <summary>One half: its median run and the median floor measured beside it.</summary>
    public sealed record Half(string Name, Run Migration, Run NoiseFloor)
    {
        public double DdlWorstToFloor => NoiseFloor.Ddl.WorstMs > 0 ? Migration.Ddl.WorstMs / NoiseFloor.Ddl.WorstMs : double.NaN;

        public double WorstToFloor => NoiseFloor.Writes.WorstMs > 0 ? Migration.Writes.WorstMs / NoiseFloor.Writes.WorstMs : double.NaN;
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
            expandFloors.Add(await MeasureFloorAsync(plain, DdlScenarios.InsertSql, expands[^1]));
            contracts.Add(await MeasureAsync(expanded, "contract", ExpandScenarios.Release2EventsInsert, Both, true));
            contractFloors.Add(await MeasureFloorAsync(expanded, ExpandScenarios.Release2EventsInsert, contracts[^1]));
        }

        await databases.DropAsync(expanded);
        await databases.DropAsync(plain);
        Half[] halves =
        [
            new("expand (old version inserting)", Median(expands), Median(expandFloors)),
            new("contract (new version inserting)", Median(contracts), Median(contractFloors)),
        ];
        foreach (var h in halves)
        {
            Console.WriteLine($"{h.Name}: DDL worst {h.Migration.Ddl.WorstMs:0} ms against {h.NoiseFloor.Ddl.WorstMs:0} ms ({h.DdlWorstToFloor:0.0}x) in {h.Migration.DdlMs:0} ms; " +
                $"whole worst {h.Migration.Writes.WorstMs:0} ms against {h.NoiseFloor.Writes.WorstMs:0} ms ({h.WorstToFloor:0.0}x), {h.Migration.Ms / 1000:0.0} s{(h.Migration.Error is null ? "" : " (failed: " + h.Migration.Error + ")")}");
        }

        return halves;
    }

    private static IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> Only(string id, Action<MigrationBuilder> up) => [(id, up)];

    private static IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> Both { get; } =
        [(ExpandScenarios.ExpandStallId, ExpandScenarios.ExpandStall), (ExpandScenarios.ContractStallId, ExpandScenarios.ContractStall)];

    // By the DDL's worst insert: the figure the goal is about.
    private static Run Median(IReadOnlyList<Run> runs)
        => runs.FirstOrDefault(r => r.Error is not null) ?? runs.OrderBy(r => r.Ddl.WorstMs).ElementAt(runs.Count / 2);

    private static async Task MigrateAsync(
        string connectionString, IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> migrations, bool postDeployment, BackfillStart? backfill = null)
    {
        var assembly = DelegateMigration.Emit(typeof(BenchContext), migrations);
        await using var context = new BenchContext(BenchContext.Options(connectionString, assembly, safe: true, o =>
        {
            o.ExpandContract.ApplyPostDeployment = postDeployment;
            // The writers of the contract run are the new version: there is no old writer to wait for.
            o.ExpandContract.OldWriterQuietPeriod = TimeSpan.Zero;
        }));
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Progress = backfill });
    }

    private Task<Run> MeasureFloorAsync(string template, string insertSql, Run beside)
        // The worst of a longer window is larger by chance alone: the floor is watched as long as the migration ran, and its
        // DDL window is as long as the DDL's (at least the floor's minimum).
        => MeasureAsync(template, "no DDL", insertSql, null, false, TimeSpan.FromMilliseconds(Math.Max(beside.Ms, settings.NoiseFloorSeconds * 1000)),
            TimeSpan.FromMilliseconds(Math.Max(beside.DdlMs, settings.NoiseFloorSeconds * 1000)));

    private async Task<Run> MeasureAsync(
        string template, string mode, string insertSql, IReadOnlyList<(string Id, Action<MigrationBuilder> Up)>? migrations, bool postDeployment,
        TimeSpan floorDuration = default, TimeSpan floorDdl = default)
    {
        var database = await databases.CloneAsync(template);
        // Copying the template filled the WAL: every run starts right after a checkpoint, not inside the one it calls for.
        await databases.CheckpointAsync();
        var connectionString = databases.App(database);
        string? error = null;
        LatencyStats writes, ddl;
        double ms, ddlMs, worstAt;
        var backfill = new BackfillStart();
        var checkpointsBefore = await CheckpointsAsync(connectionString);
        await using (var load = WriteLoad.Start(connectionString, insertSql, settings.Writers))
        {
            await Task.Delay(TimeSpan.FromSeconds(0.5));
            var from = Stopwatch.GetTimestamp();
            try
            {
                await (migrations is null ? Task.Delay(floorDuration) : MigrateAsync(connectionString, migrations, postDeployment, backfill));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
            }

            var to = Stopwatch.GetTimestamp();
            ms = Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
            await Task.Delay(TimeSpan.FromSeconds(0.2)); // inserts queued behind the DDL finish and are counted
            writes = load.Between(from, to);
            var ddlTo = migrations is null ? from + (long)(floorDdl.TotalSeconds * Stopwatch.Frequency) : backfill.At ?? to;
            ddlMs = Stopwatch.GetElapsedTime(from, ddlTo).TotalMilliseconds;
            ddl = load.Between(from, ddlTo);
            worstAt = load.WorstStartSeconds(from, to);
        }

        var checkpoints = await CheckpointsAsync(connectionString) - checkpointsBefore;
        await databases.DropAsync(database);
        // Every run, not only the medians: a single slow insert on a shared machine is easier to judge with its neighbours.
        Console.WriteLine($"  {mode} on {template}: DDL worst {ddl.WorstMs:0} ms in {ddlMs:0} ms, whole worst {writes.WorstMs:0} ms at +{worstAt:0.0} s (p99 {writes.P99Ms:0.0} ms) in {ms / 1000:0.0} s, {checkpoints} checkpoint(s){(error is null ? "" : ", failed: " + error)}");
        return new Run(mode, ddl, ddlMs, writes, ms, checkpoints, error);
    }

    // Server-wide: a checkpoint's write burst during a run is a likely source of one slow insert.
    private static async Task<long> CheckpointsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>When the migration's backfill reported its first batch: the DDL before it has committed.</summary>
    private sealed class BackfillStart : IProgress<SafeMigrationProgress>
    {
        public long? At { get; private set; }

        public void Report(SafeMigrationProgress value)
        {
            if (value.Stage == SafeMigrationStage.Backfilling && At is null)
            {
                At = Stopwatch.GetTimestamp();
            }
        }
    }
}
