namespace EfSafeMigrations.CommandLine.Internal.Output.Ci;

/// <summary>
/// GitHub Actions workflow commands, one line per finding: <c>::error file=F,line=L,title=ESM0001::message</c>
/// (<c>::warning</c>, <c>::notice</c> for the other levels). Without a known file the annotation has no file and
/// shows on the run's summary instead of the pull request's diff.
/// </summary>
internal static class GitHubAnnotations
{
    /// <param name="failure">What stopped the command: one more error annotation, so the job's summary says why.</param>
    public static IEnumerable<string> Lines(IReadOnlyList<CiFinding> findings, string? failure = null)
        => failure is null ? findings.Select(Line) : findings.Select(Line).Append($"::error title=EfSafeMigrations::{Data(failure)}");

    public static string Line(CiFinding f)
    {
        var command = f.Level switch { "error" => "error", "warning" => "warning", _ => "notice" };
        var properties = new List<string>();
        if (f.Location is { } location)
        {
            properties.Add("file=" + Property(location.File));
            properties.Add("line=" + location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        properties.Add("title=" + Property(f.RuleId + " " + f.Title));
        return $"::{command} {string.Join(',', properties)}::{Data(f.Message)}";
    }

    // The escapes the Actions runner decodes: data escapes %, CR and LF; property values also ':' and ','.
    private static string Data(string text)
        => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text)
        => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
