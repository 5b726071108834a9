using System.Text;
using EfSafeMigrations.Benchmarks.Scenarios;
using static EfSafeMigrations.Benchmarks.Harness.ResultTable;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>The expand/contract suite's tables (docs/expand-contract.md, section Performance).</summary>
public static class ExpandResultTable
{
    /// <summary>pgroll's inserts with its sync triggers: 77-79k rows/s against 333-349k without.</summary>
    public const double PgrollSlowdown = 4.4;

    public static void Render(BenchReport report, StringBuilder text)
    {
        if (report.ExpandTriggerCost is { } triggers)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Sync trigger cost during the expand window ({ExpandScenarios.TriggerRows:N0}-row table; rows written per second without and with the expand's trigger, each on a fresh copy after a checkpoint; single-row workloads over {ExpandTriggerCostBenchmark.Window.TotalSeconds:0} s; median of {report.Settings.Repeat} alternating runs; {report.Machine}). pgroll: about {PgrollSlowdown}x slower writes with its triggers."));
            text.AppendLine();
            text.AppendLine("| trigger | workload | without | with | slowdown |");
            text.AppendLine("|---|---|---:|---:|---:|");
            foreach (var trigger in triggers)
            {
                if (trigger.Error is not null)
                {
                    text.AppendLine($"| {trigger.Trigger} | failed: {trigger.Error} | | | |");
                }

                foreach (var w in trigger.Workloads)
                {
                    text.AppendLine(Invariant($"| {trigger.Trigger} | {w.Workload} | {w.WithoutPerSecond:N0}/s | {w.WithPerSecond:N0}/s | {w.Slowdown:0.00}x |"));
                }
            }
        }

        if (report.ExpandStall is { } halves)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Write stall during a column rename's expand and contract ({report.Settings.Rows:N0} rows, {report.Settings.Writers} writers inserting; the DDL is the expand's first step (until its backfill's first batch) and the whole contract; each floor measured the same way and as long, without the migration; median of {report.Settings.Repeat} alternating runs, each after a checkpoint; goal: worst insert within 2x the floor)."));
            text.AppendLine();
            text.AppendLine("| half | DDL: worst insert | floor worst | worst / floor | DDL time | whole migration: worst insert | p99 | floor worst | floor p99 | worst / floor | duration |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var h in halves)
            {
                var (m, f) = (h.Migration, h.NoiseFloor);
                text.AppendLine(m.Error is not null
                    ? $"| {h.Name} | failed: {m.Error} | | | | | | | | | |"
                    : Invariant($"| {h.Name} | {m.Ddl.WorstMs:0} ms | {f.Ddl.WorstMs:0} ms | {h.DdlWorstToFloor:0.0}x | {m.DdlMs:0} ms | {m.Writes.WorstMs:0} ms | {m.Writes.P99Ms:0.0} ms | {f.Writes.WorstMs:0} ms | {f.Writes.P99Ms:0.0} ms | {h.WorstToFloor:0.0}x | {m.Ms / 1000:0.0} s |"));
            }
        }
    }
}
