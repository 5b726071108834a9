using System.Globalization;

namespace EfSafeMigrations.CommandLine.Internal.Rendering;

/// <summary>Durations as people read them (<c>850 ms</c>, <c>12.4 s</c>, <c>3 min 05 s</c>) and as JSON carries them (milliseconds).</summary>
internal static class Durations
{
    public static string Human(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1000 => duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms",
        < 60_000 => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s",
    };

    public static long Milliseconds(TimeSpan duration) => (long)Math.Round(duration.TotalMilliseconds);
}
