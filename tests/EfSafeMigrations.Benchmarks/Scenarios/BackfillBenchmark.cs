using System.Diagnostics;
using EfSafeMigrations.Benchmarks.Harness;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>
/// A data migration over every row of <c>events</c> while writers insert: one plain <c>UPDATE</c> in the migration
/// (plain EF) next to <c>migrationBuilder.Backfill</c> (MigrateSafelyAsync). Insert latency against the no-DDL noise
/// floor, rows per second, and the table's size before and after (the bloat one long UPDATE leaves).
/// </summary>
public sealed class BackfillBenchmark(BenchDatabases databases, BenchSettings settings)
{
    public const int BatchSize = 5_000;
    private const string Set = "note = 'amount ' || amount";
    private const string Where = "note IS NULL";

    public sealed record Run(
        string Mode, LatencyStats Writes, double Ms, long RowsUpdated, long RowsAfter, long SizeBeforeBytes, long SizeAfterBytes, long Checkpoints, string? Error)
    {
        public double RowsPerSecond => Ms > 0 ? RowsUpdated / (Ms / 1000) : 0;
    }

    public sealed record Result(LatencyStats NoiseFloor, Run Plain, Run Backfill, Run Paused);

    /// <summary>The pause of the throttled run (the issue's example: 50 ms between batches of 5,000).</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    public async Task<Result> RunAsync()
    {
        Console.WriteLine($"Preparing a backfill template database with {settings.Rows:N0} rows...");
        var template = await databases.CreateAsync("esm_bench_backfill", DdlScenarios.SetupSql(settings.Rows) + "\nALTER TABLE events ADD note text;");
        // Alternating runs, so that a noisy stretch of time on a shared machine hits every form alike; the median run is kept.
        var (floors, plains, backfills, paused) = (new List<Run>(), new List<Run>(), new List<Run>(), new List<Run>());
        for (var i = 0; i < settings.Repeat; i++)
        {
            plains.Add(await MeasureAsync(template, "plain UPDATE", b => b.Sql($"UPDATE events SET {Set} WHERE {Where};")));
            backfills.Add(await MeasureAsync(template, "Backfill", b => b.Backfill("events", set: Set, where: Where, batchSize: BatchSize)));
            paused.Add(await MeasureAsync(template, "Backfill, 50 ms pause", b => b.Backfill("events", set: Set, where: Where, batchSize: BatchSize, pause: Pause)));
            // The worst of a longer window is larger by chance alone: the floor is watched for as long as the Backfill ran.
            floors.Add(await MeasureAsync(template, "no DDL", null, TimeSpan.FromMilliseconds(Math.Max(backfills[^1].Ms, settings.NoiseFloorSeconds * 1000))));
        }

        var (floor, plain, backfill) = (Median(floors), Median(plains), Median(backfills));
        await databases.DropAsync(template);
        Console.WriteLine($"backfill: plain worst {plain.Writes.WorstMs:0} ms ({plain.RowsPerSecond:N0} rows/s), Backfill worst {backfill.Writes.WorstMs:0} ms ({backfill.RowsPerSecond:N0} rows/s){(backfill.Error is null ? "" : " (failed: " + backfill.Error + ")")}");
        return new Result(floor.Writes, plain, backfill, Median(paused));
    }

    private static Run Median(IReadOnlyList<Run> runs)
        => runs.FirstOrDefault(r => r.Error is not null) ?? runs.OrderBy(r => r.Writes.WorstMs).ElementAt(runs.Count / 2);

    /// <param name="template">The database each run starts from a copy of.</param>
    /// <param name="mode">What the run is called.</param>
    /// <param name="up">The migration; null: no migration, the noise floor over <paramref name="floorDuration"/>.</param>
    /// <param name="floorDuration">How long the noise floor is watched.</param>
    private async Task<Run> MeasureAsync(
        string template, string mode, Action<Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder>? up, TimeSpan floorDuration = default)
    {
        var database = await databases.CloneAsync(template);
        // Copying the template writes it all to the WAL (PostgreSQL 15+): without a checkpoint now, the one that copy calls
        // for lands inside whichever run comes next. Every run starts right after one.
        await databases.CheckpointAsync();
        var connectionString = databases.App(database);
        var before = await SizeAsync(connectionString);
        var checkpointsBefore = await CheckpointsAsync(connectionString);
        string? error = null;
        LatencyStats writes;
        double ms;
        await using (var load = WriteLoad.Start(connectionString, DdlScenarios.InsertSql, settings.Writers))
        {
            await Task.Delay(TimeSpan.FromSeconds(0.5));
            var from = Stopwatch.GetTimestamp();
            try
            {
                if (up is null)
                {
                    await Task.Delay(floorDuration);
                }
                else
                {
                    var migrations = DelegateMigration.Emit(typeof(BenchContext), [("20260101000000_Backfill_" + System.Text.RegularExpressions.Regex.Replace(mode, "[^A-Za-z0-9]+", "_"), up)]);
                    var safe = mode.StartsWith("Backfill", StringComparison.Ordinal);
                    await using var context = new BenchContext(BenchContext.Options(connectionString, migrations, safe));
                    await SafeMigrator.MigrateAsync(context, safe);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
            }

            var to = Stopwatch.GetTimestamp();
            ms = Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
            await Task.Delay(TimeSpan.FromSeconds(0.2));
            writes = load.Between(from, to);
        }

        var updated = await ScalarAsync(connectionString, "SELECT count(*) FROM events WHERE note IS NOT NULL");
        var rows = await ScalarAsync(connectionString, "SELECT count(*) FROM events");
        var after = await SizeAsync(connectionString);
        var checkpoints = await CheckpointsAsync(connectionString) - checkpointsBefore;
        await databases.DropAsync(database);
        return new Run(mode, writes, ms, updated, rows, before, after, checkpoints, error);
    }

    private static Task<long> SizeAsync(string connectionString) => ScalarAsync(connectionString, "SELECT pg_relation_size('events')");

    // Server-wide: a checkpoint's write and fsync burst during a run is a likely source of a single slow insert.
    private static Task<long> CheckpointsAsync(string connectionString)
        => ScalarAsync(connectionString, "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter");

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
