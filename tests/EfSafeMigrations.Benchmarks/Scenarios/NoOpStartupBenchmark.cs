using System.Diagnostics;
using System.Globalization;
using EfSafeMigrations.Benchmarks.Harness;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>
/// Start-up cost when nothing is pending: N applied migrations, then MigrateAsync / MigrateSafelyAsync
/// again, timed (median of several runs) and counted in round trips.
/// </summary>
public sealed class NoOpStartupBenchmark(BenchDatabases databases, BenchSettings settings)
{
    private const int Runs = 7;

    public sealed record Result(int Migrations, double PlainMedianMs, int PlainRoundTrips, double SafeMedianMs, int SafeRoundTrips, string? SafeError);

    public async Task<Result> RunAsync()
    {
        var migrations = DelegateMigration.Emit(typeof(BenchContext), Enumerable.Range(1, settings.NoOpMigrations)
            .Select(i => ($"20260101{i:D6}_Table{i}", (Action<MigrationBuilder>)(b => b.CreateTable(
                name: $"table_{i.ToString(CultureInfo.InvariantCulture)}",
                columns: t => new { id = t.Column<long>(type: "bigint", nullable: false), name = t.Column<string>(type: "text", nullable: true) },
                constraints: t => t.PrimaryKey($"pk_table_{i.ToString(CultureInfo.InvariantCulture)}", x => x.id)))))
            .ToList());

        var database = await databases.CreateAsync("esm_bench_noop", "SELECT 1");
        var connectionString = databases.App(database);
        Console.WriteLine($"Applying {settings.NoOpMigrations} migrations once...");
        await using (var context = new BenchContext(BenchContext.Options(connectionString, migrations, safe: false)))
        {
            await SafeMigrator.MigrateAsync(context, safe: false);
        }

        var (plainMs, plainTrips, _) = await MeasureAsync(connectionString, migrations, safe: false);
        var (safeMs, safeTrips, safeError) = await MeasureAsync(connectionString, migrations, safe: true);
        await databases.DropAsync(database);
        return new Result(settings.NoOpMigrations, plainMs, plainTrips, safeMs, safeTrips, safeError);
    }

    private static async Task<(double MedianMs, int RoundTrips, string? Error)> MeasureAsync(
        string connectionString, System.Reflection.Assembly migrations, bool safe)
    {
        using var counter = new RoundTripCounter();
        var times = new List<double>();
        var trips = 0;
        try
        {
            // The first run warms up EF's model and service provider (and, for the safe path, adopts the history).
            for (var run = 0; run <= Runs; run++)
            {
                counter.Reset();
                var start = Stopwatch.GetTimestamp();
                await using (var context = new BenchContext(BenchContext.Options(connectionString, migrations, safe)))
                {
                    await SafeMigrator.MigrateAsync(context, safe);
                }

                if (run > 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    trips = counter.Count;
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (double.NaN, 0, ex.GetType().Name + ": " + ex.Message.Split('\n')[0]);
        }

        times.Sort();
        return (times[times.Count / 2], trips, null);
    }
}
