using System.Diagnostics;
using EfSafeMigrations.Benchmarks.Harness;
using EfSafeMigrations.IntegrationTests.LongLived;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>
/// Planning a fresh install of a long-lived project (the integration tests' generated history, 162 migrations in EF's
/// scaffolded shapes): a dry run of MigrateSafelyAsync (plan, lint gate, journal verification, no execution) next to
/// EF's own SQL generation for the same migrations (<c>GenerateScript</c>), median of several runs after a warm-up.
/// Measured twice: the migrations without Designer models, then each with a Designer model of the project's tables
/// (what scaffolded migrations carry; EF builds and finalizes it for every migration it generates SQL for, the
/// library only where the generators read it).
/// </summary>
public sealed class PlanningBenchmark(BenchDatabases databases)
{
    private const int Entities = 16;
    private const int Runs = 5;

    public sealed record Result(
        int Migrations, double DryRunMedianMs, double EfScriptMedianMs, int Errors,
        double DesignerDryRunMedianMs, double DesignerEfScriptMedianMs);

    public async Task<Result> RunAsync()
    {
        var history = LongLivedHistory.Migrations(Entities);
        var database = await databases.CreateAsync("esm_bench_plan", "SELECT 1");
        var connectionString = databases.App(database);
        Console.WriteLine($"Planning {history.Count} migrations...");
        var (dryRun, script, errors) = await MeasureAsync(connectionString, DelegateMigration.Emit(typeof(BenchContext), history));
        Console.WriteLine($"Planning {history.Count} migrations with Designer models...");
        var (designerDryRun, designerScript, _) = await MeasureAsync(
            connectionString, DelegateMigration.Emit(typeof(BenchContext), history, (builder, _) => DesignerModel.Build(builder, Entities)));

        await databases.DropAsync(database);
        return new Result(history.Count, dryRun, script, errors, designerDryRun, designerScript);
    }

    private static async Task<(double DryRun, double Script, int Errors)> MeasureAsync(string connectionString, System.Reflection.Assembly migrations)
    {
        var errors = 0;
        var dryRun = await MedianAsync(async () =>
        {
            await using var context = new BenchContext(BenchContext.Options(connectionString, migrations, safe: true));
            var report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { DryRun = true });
            errors = report.Problems.Count(p => p.Severity == Execution.PreflightSeverity.Error);
        });
        var script = await MedianAsync(async () =>
        {
            await using var context = new BenchContext(BenchContext.Options(connectionString, migrations, safe: false));
            _ = context.GetService<IMigrator>().GenerateScript();
            await Task.CompletedTask;
        });
        return (dryRun, script, errors);
    }

    private static async Task<double> MedianAsync(Func<Task> run)
    {
        var times = new List<double>();
        for (var i = 0; i <= Runs; i++) // the first run warms up the JIT and EF's service provider
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            if (i > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
