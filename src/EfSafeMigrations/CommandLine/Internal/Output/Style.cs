namespace EfSafeMigrations.CommandLine.Internal.Output;

/// <summary>ANSI styles, applied only when colour is on.</summary>
internal enum Style
{
    Plain,
    Bold,
    Dim,
    Good,
    Warning,
    Bad,
    Accent,
}

internal static class StyleCodes
{
    public static string Apply(Style style, string text, bool colour)
    {
        if (!colour || style == Style.Plain || text.Length == 0)
        {
            return text;
        }

        var code = style switch
        {
            Style.Bold => "1",
            Style.Dim => "2",
            Style.Good => "32",
            Style.Warning => "33",
            Style.Bad => "31;1",
            Style.Accent => "36",
            _ => "0",
        };
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
