namespace EfSafeMigrations.CommandLine.Internal.Output;

/// <summary>Where output goes and what the terminal can show. Tests pass their own writers.</summary>
/// <param name="Out">Results (human text or the JSON document).</param>
/// <param name="Error">Errors and the progress display, so that results can be redirected on their own.</param>
/// <param name="OutIsTerminal">Whether <paramref name="Out"/> is an interactive terminal.</param>
/// <param name="ErrorIsTerminal">Whether <paramref name="Error"/> is an interactive terminal.</param>
/// <param name="NoColorRequested">NO_COLOR is set (https://no-color.org) or TERM is <c>dumb</c>.</param>
internal sealed record TerminalSettings(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal, bool NoColorRequested)
{
    public static TerminalSettings FromConsole()
    {
        var term = Environment.GetEnvironmentVariable("TERM");
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || string.Equals(term, "dumb", StringComparison.Ordinal);
        return new TerminalSettings(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected, noColor);
    }
}
