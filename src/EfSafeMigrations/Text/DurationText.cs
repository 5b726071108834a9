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
}
