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
/// The migrations carry no Designer model; with one, EF builds each migration's target model on top of these figures,
/// for plain EF's Migrate as for the dry run.
/// </summary>
public sealed class PlanningBenchmark(BenchDatabases databases)
{
    private const int Entities = 16;
    private const int Runs = 5;

    public sealed record Result(int Migrations, double DryRunMedianMs, double EfScriptMedianMs, int Errors);

    public async Task<Result> RunAsync()
    {
        var history = LongLivedHistory.Migrations(Entities);
        var migrations = DelegateMigration.Emit(typeof(BenchContext), history);
        var database = await databases.CreateAsync("esm_bench_plan", "SELECT 1");
        var connectionString = databases.App(database);
        Console.WriteLine($"Planning {history.Count} migrations...");

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

        await databases.DropAsync(database);
        return new Result(history.Count, dryRun, script, errors);
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
