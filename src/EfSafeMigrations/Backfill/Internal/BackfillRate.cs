using System.Diagnostics;
using System.Globalization;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>Rows walked against the table's estimate: the rate of this run and the time left at that rate.</summary>
internal sealed class BackfillRate(long? estimatedRows, long walkedBefore)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => _clock.Elapsed;

    public BackfillProgress Progress(string table, long walked, long updated, int batches)
    {
        var thisRun = walked - walkedBefore;
        var seconds = _clock.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? thisRun / seconds : 0;
        var estimate = estimatedRows is { } e ? Math.Max(e, walked) : (long?)null;
        TimeSpan? remaining = estimate is { } total && rate > 0 ? TimeSpan.FromSeconds((total - walked) / rate) : null;
        return new BackfillProgress(table, walked, updated, estimate, batches, rate, remaining);
    }

    /// <summary>One line for the log and the progress display.</summary>
    public static string Describe(BackfillProgress progress)
    {
        var invariant = CultureInfo.InvariantCulture;
        var done = progress.EstimatedRows is > 0 and var total
            ? string.Create(invariant, $"{progress.RowsWalked:N0} of ~{total:N0} rows ({100.0 * progress.RowsWalked / total:0}%)")
            : string.Create(invariant, $"{progress.RowsWalked:N0} rows");
        var eta = progress.Remaining is { } left ? $", about {Text.DurationText.Approximate(left)} left" : string.Empty;
        return string.Create(invariant,
            $"backfilling {progress.Table}: {done}, {progress.RowsUpdated:N0} changed, {progress.Batches} batches, {progress.RowsPerSecond:N0} rows/s{eta}");
    }
}
