using System.Globalization;

namespace EfSafeMigrations.Text;

/// <summary>
/// A configured duration (a timeout) as people write it: <c>15 min</c>, <c>2 s</c>, <c>1.5 s</c>, <c>100 ms</c>,
/// <c>1 h</c> — the largest unit that states it exactly, so a plan says what was configured.
/// </summary>
internal static class DurationText
{
    public static string Setting(TimeSpan value)
    {
        var ms = (long)Math.Round(value.TotalMilliseconds);
        return ms switch
        {
            0 => "0 ms",
            _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000} h",
            _ when ms % 60_000 == 0 => $"{ms / 60_000} min",
            _ when ms % 1000 == 0 => $"{ms / 1000} s",
            < 1000 => $"{ms} ms",
            < 60_000 => (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + " s",
            _ => $"{ms / 60_000} min " + ((ms % 60_000) / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + " s",
        };
    }

    /// <summary>An estimate (time left) in whole units: <c>45 s</c>, <c>3 min 20 s</c>, <c>2 h 5 min</c>.</summary>
    public static string Approximate(TimeSpan value)
    {
        var seconds = (long)Math.Max(0, Math.Round(value.TotalSeconds));
        return seconds switch
        {
            < 60 => $"{seconds} s",
            < 3600 => $"{seconds / 60} min {seconds % 60} s",
            _ => $"{seconds / 3600} h {seconds % 3600 / 60} min",
        };
    }
}
