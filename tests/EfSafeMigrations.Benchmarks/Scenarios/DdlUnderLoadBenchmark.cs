using System.Diagnostics;
using System.Text.RegularExpressions;
using EfSafeMigrations.Benchmarks.Harness;
using EfSafeMigrations.ThrowawayPostgres.Pooler;
using Npgsql;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>Worst and p99 insert latency while each schema change is applied, plain EF next to EfSafeMigrations.</summary>
public sealed class DdlUnderLoadBenchmark(BenchDatabases databases, BenchSettings settings)
{
    public sealed record Run(string Mode, LatencyStats Writes, double MigrationMs, string? Error);

    public sealed record Row(string Scenario, Run Plain, Run Safe);

    public async Task<(LatencyStats NoiseFloor, IReadOnlyList<Row> Rows)> RunAsync()
    {
        Console.WriteLine($"Preparing a template database with {settings.Rows:N0} rows...");
        var template = await databases.CreateAsync("esm_bench_template", DdlScenarios.SetupSql(settings.Rows));

        var floors = new List<LatencyStats>();
        for (var i = 0; i < settings.Repeat; i++)
        {
            floors.Add(await MeasureNoiseFloorAsync(template));
        }

        var floor = LatencyStats.Median(floors);
        Console.WriteLine($"noise floor: worst {floor.WorstMs:0.0} ms, p99 {floor.P99Ms:0.0} ms over {floor.Count} inserts");

        var rows = new List<Row>();
        foreach (var scenario in DdlScenarios.All.Where(s => settings.Only is null || s.Name.Contains(settings.Only, StringComparison.OrdinalIgnoreCase)))
        {
            if (scenario.WritersThroughPgBouncer && LocalPgBouncer.FindBinary() is null)
            {
                Console.WriteLine($"{scenario.Name}: skipped, pgbouncer is not installed (apt-get install pgbouncer)");
                continue;
            }

            // Alternating plain and safe runs, so that a noisy stretch of time hits both alike.
            var plainRuns = new List<Run>();
            var safeRuns = new List<Run>();
            for (var i = 0; i < settings.Repeat; i++)
            {
                plainRuns.Add(await MeasureAsync(template, scenario, safe: false));
                safeRuns.Add(await MeasureAsync(template, scenario, safe: true));
            }

            var plain = MedianRun(plainRuns);
            var safe = MedianRun(safeRuns);
            Console.WriteLine($"{scenario.Name}: plain worst {plain.Writes.WorstMs:0} ms, safe worst {safe.Writes.WorstMs:0} ms{(safe.Error is null ? "" : " (safe failed: " + safe.Error + ")")}");
            rows.Add(new Row(scenario.Name, plain, safe));
        }

        await databases.DropAsync(template);
        return (floor, rows);
    }

    private static Run MedianRun(IReadOnlyList<Run> runs)
        => runs.FirstOrDefault(r => r.Error is not null) ?? runs.OrderBy(r => r.Writes.WorstMs).ElementAt(runs.Count / 2);

    private async Task<LatencyStats> MeasureNoiseFloorAsync(string template)
    {
        var database = await databases.CloneAsync(template);
        LatencyStats floor;
        await using (var load = WriteLoad.Start(databases.App(database), DdlScenarios.InsertSql, settings.Writers))
        {
            await Task.Delay(TimeSpan.FromSeconds(0.5));
            var from = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(settings.NoiseFloorSeconds));
            floor = load.Between(from, Stopwatch.GetTimestamp());
        }

        await databases.DropAsync(database);
        return floor;
    }

    private async Task<Run> MeasureAsync(string template, DdlScenario scenario, bool safe)
    {
        var database = await databases.CloneAsync(template);
        var connectionString = databases.App(database);
        await using var bouncer = scenario.WritersThroughPgBouncer
            ? await LocalPgBouncer.StartAsync(connectionString, PgBouncerPoolMode.Transaction, poolSize: settings.Writers + 1)
            : null;
        var applicationConnectionString = bouncer?.ConnectionStringFor(connectionString) ?? connectionString;
        var migrations = DelegateMigration.Emit(typeof(BenchContext), [("20260101000000_" + Regex.Replace(scenario.Name, "[^A-Za-z0-9]+", "_"), scenario.Up)]);
        string? error = null;
        LatencyStats writes;
        double migrationMs;
        await using (var load = WriteLoad.Start(applicationConnectionString, DdlScenarios.InsertSql, settings.Writers, prepare: bouncer is null))
        {
            await Task.Delay(TimeSpan.FromSeconds(0.5));
            await using var reader = scenario.BlockingReaderSeconds > 0
                ? await HoldTableAsync(applicationConnectionString, scenario.BlockingReaderSeconds)
                : null;
            var from = Stopwatch.GetTimestamp();
            try
            {
                await using var context = new BenchContext(BenchContext.Options(connectionString, migrations, safe, safe ? scenario.ConfigureSafe : null));
                await SafeMigrator.MigrateAsync(context, safe);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
            }

            var to = Stopwatch.GetTimestamp();
            migrationMs = Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
            await Task.Delay(TimeSpan.FromSeconds(0.2)); // let inserts queued behind the DDL finish and be counted
            writes = load.Between(from, to);
        }

        await databases.DropAsync(database);
        return new Run(safe ? "EfSafeMigrations" : "plain EF", writes, migrationMs, error);
    }

    // A reader in an open transaction: its ACCESS SHARE lock makes any ACCESS EXCLUSIVE request queue,
    // and every later insert queues behind that request.
    private static async Task<NpgsqlConnection> HoldTableAsync(string connectionString, double seconds)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var begin = new NpgsqlCommand("BEGIN; SELECT count(*) FROM events WHERE id < 10;", connection))
        {
            await begin.ExecuteNonQueryAsync();
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            await using var commit = new NpgsqlCommand("COMMIT", connection);
            await commit.ExecuteNonQueryAsync();
        });
        return connection;
    }
}
