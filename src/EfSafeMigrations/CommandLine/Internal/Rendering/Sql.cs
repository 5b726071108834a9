namespace EfSafeMigrations.CommandLine.Internal.Rendering;

/// <summary>SQL shortened to one line for tables of statements.</summary>
internal static class Sql
{
    public static string OneLine(string sql, int max = 90)
    {
        var line = string.Join(' ', sql.Split(['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : line[..(max - 3)] + "...";
    }
}
