namespace EfSafeMigrations.Text;

/// <summary>
/// A SQL statement as one readable line for messages and tables: whitespace collapsed, and when too long cut at a
/// word boundary with <c>...</c>, so a multi-line <c>CREATE TABLE</c> still shows its columns rather than stopping
/// at the first line's open parenthesis.
/// </summary>
internal static class SqlSummary
{
    public static string OneLine(string sql, int max = 90)
    {
        const string Ellipsis = "...";
        var line = string.Join(' ', sql.Split(['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= max)
        {
            return line;
        }

        var limit = Math.Max(1, max - Ellipsis.Length);
        var space = line.LastIndexOf(' ', limit);

        // A word boundary in the last third keeps the cut readable; a single very long token is cut where it must be.
        var cut = space > limit * 2 / 3 ? space : limit;
        return line[..cut].TrimEnd(' ', ',') + Ellipsis;
    }
}
