using System.Text.Json;
using System.Text.Json.Serialization;
using EfSafeMigrations.Benchmarks.Harness;
using EfSafeMigrations.Benchmarks.Scenarios;
using EfSafeMigrations.ThrowawayPostgres;

// Benchmarks measured side by side in one run on this machine; figures are only comparable within a run.
var settings = BenchSettings.Parse(args);
var report = new BenchReport { Settings = settings, Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}" };

if (new[] { "ddl", "noop", "push", "plan", "tenants", "backfill", "expand" }.Any(settings.Suites.Contains))
{
    await using var server = await PostgresServerLocator.StartOrConnectAsync();
    Console.WriteLine($"PostgreSQL: {server.Description}");
    var databases = new BenchDatabases(server);
    if (settings.Suites.Contains("ddl"))
    {
        var (floor, rows) = await new DdlUnderLoadBenchmark(databases, settings).RunAsync();
        report.NoiseFloor = floor;
        report.Ddl = rows;
    }

    if (settings.Suites.Contains("noop"))
    {
        report.NoOpStartup = await new NoOpStartupBenchmark(databases, settings).RunAsync();
    }

    if (settings.Suites.Contains("plan"))
    {
        report.Planning = await new PlanningBenchmark(databases).RunAsync();
    }

    if (settings.Suites.Contains("tenants"))
    {
        report.Tenants = await new TenantsBenchmark(databases, settings).RunAsync();
    }

    if (settings.Suites.Contains("push"))
    {
        report.Push = await new PushBenchmark(databases, server.AdminConnectionString).RunAsync();
    }

    if (settings.Suites.Contains("backfill"))
    {
        report.Backfill = await new BackfillBenchmark(databases, settings).RunAsync();
    }

    if (settings.Suites.Contains("expand"))
    {
        // --only trigger / --only stall: one half of the suite.
        if (settings.Only is null || "trigger cost".Contains(settings.Only, StringComparison.OrdinalIgnoreCase))
        {
            report.ExpandTriggerCost = await new ExpandTriggerCostBenchmark(databases, settings).RunAsync();
        }

        if (settings.Only is null || "stall".Contains(settings.Only, StringComparison.OrdinalIgnoreCase))
        {
            report.ExpandStall = await new ExpandStallBenchmark(databases, settings).RunAsync();
        }
    }
}

if (settings.Suites.Contains("lint"))
{
    report.Lint = LintBenchmark.Run();
    report.LargeSqlStepLint = LargeSqlStepLintBenchmark.Run();
}

Console.WriteLine();
Console.WriteLine(ResultTable.Render(report));
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.JsonPath))!);
await File.WriteAllTextAsync(settings.JsonPath, JsonSerializer.Serialize(report,
    new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }));
Console.WriteLine($"JSON: {settings.JsonPath}");
return 0;
