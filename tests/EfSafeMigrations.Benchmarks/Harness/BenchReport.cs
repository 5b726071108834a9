using EfSafeMigrations.Benchmarks.Scenarios;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>Everything one benchmark run measured; written as JSON and rendered as a table.</summary>
public sealed class BenchReport
{
    public required BenchSettings Settings { get; init; }

    public required string Machine { get; init; }

    public LatencyStats? NoiseFloor { get; set; }

    public IReadOnlyList<DdlUnderLoadBenchmark.Row>? Ddl { get; set; }

    public NoOpStartupBenchmark.Result? NoOpStartup { get; set; }

    public LintBenchmark.Result? Lint { get; set; }

    public PlanningBenchmark.Result? Planning { get; set; }

    public LargeSqlStepLintBenchmark.Result? LargeSqlStepLint { get; set; }

    public PushBenchmark.Result? Push { get; set; }

    public TenantsBenchmark.Result? Tenants { get; set; }

    public BackfillBenchmark.Result? Backfill { get; set; }

    public IReadOnlyList<ExpandTriggerCostBenchmark.TriggerCost>? ExpandTriggerCost { get; set; }

    public IReadOnlyList<ExpandStallBenchmark.Half>? ExpandStall { get; set; }
}
