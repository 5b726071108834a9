using System.Text;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// The message of a run stopped by preflight errors: one summary line (how many, in how many migrations, counts by
/// code with the rule's title), then each error on a line of its own. A long list of findings thus reads from the top
/// (what kind of problems, how many) and greps line by line, instead of one line tens of thousands of characters long.
/// </summary>
internal static class PreflightErrorMessage
{
    public static string For(IReadOnlyList<PreflightProblem> errors)
    {
        var migrations = errors.Select(e => e.MigrationId).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var text = new StringBuilder()
            .Append("Preflight checks found ").Append(errors.Count).Append(" error(s)")
            .Append(migrations > 0 ? $" in {migrations} migration(s)" : string.Empty)
            .Append("; nothing was applied. By code: ")
            .AppendJoin(", ", errors
                .GroupBy(e => (e.Check, e.Code))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
                .Select(g => $"{g.Key.Code}{TitleOf(g.Key.Code)} x{g.Count()}"))
            .Append('.');
        foreach (var error in errors)
        {
            text.AppendLine().Append("- [").Append(error.Check).Append(' ').Append(error.Code)
                .Append(error.MigrationId is null ? string.Empty : " " + error.MigrationId).Append("] ")
                .Append(error.Message).Append(" Fix: ").Append(error.Fix);
        }

        return text.ToString();
    }

    private static string TitleOf(string code) => RuleCatalog.Find(code) is { } rule ? $" ({rule.Title})" : string.Empty;
}
