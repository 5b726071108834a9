namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>Write latencies observed in a time window: the worst and the 99th percentile.</summary>
public sealed record LatencyStats(int Count, double WorstMs, double P99Ms)
{
    public static LatencyStats From(IReadOnlyList<double> latenciesMs)
    {
        if (latenciesMs.Count == 0)
        {
            return new LatencyStats(0, 0, 0);
        }

        var sorted = latenciesMs.Order().ToArray();
        var p99Index = (int)Math.Ceiling(sorted.Length * 0.99) - 1;
        return new LatencyStats(sorted.Length, sorted[^1], sorted[Math.Clamp(p99Index, 0, sorted.Length - 1)]);
    }

    /// <summary>
    /// The median run of several repetitions (by worst latency): one noisy moment on a shared machine
    /// must not decide a row, and neither may one lucky run.
    /// </summary>
    public static LatencyStats Median(IReadOnlyList<LatencyStats> runs)
    {
        var ordered = runs.OrderBy(r => r.WorstMs).ToList();
        return ordered[ordered.Count / 2];
    }
}
