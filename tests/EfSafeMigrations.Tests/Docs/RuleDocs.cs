using System.Text;

namespace EfSafeMigrations.Tests.Docs;

/// <summary>
/// Renders the docs pages (docs/rules/ESMxxxx.md) and the README rules table from the catalogue, so that the
/// catalogue stays the one source of truth. Regenerate with EFSAFEMIGRATIONS_UPDATE_DOCS=1 (see RuleDocsTests).
/// </summary>
internal static class RuleDocs
{
    /// <summary>Everything after this line of a docs page is written by hand and never checked.</summary>
    public const string EndOfGenerated = "<!-- End of the section generated from src/EfSafeMigrations/Rules; add notes below. -->";

    public const string TableStart = "<!-- rules table: generated from src/EfSafeMigrations/Rules, see tests/EfSafeMigrations.Tests/Docs -->";

    public const string TableEnd = "<!-- end of rules table -->";

    public static string Root { get; } = FindRoot();

    public static string RulesFolder => Path.Combine(Root, "docs", "rules");

    public static string PagePath(Rule rule) => Path.Combine(RulesFolder, rule.Id + ".md");

    public static string Heading(Rule rule) => $"# {rule.Id}: {rule.Title}";

    public static string RenderPage(Rule rule)
    {
        var page = new StringBuilder();
        page.Append(Heading(rule)).Append("\n\n");
        page.Append("| | |\n|---|---|\n");
        page.Append("| Default severity | ").Append(Severity(rule.DefaultSeverity)).Append(" |\n");
        page.Append("| PostgreSQL versions | ").Append(Capitalize(rule.PostgresVersionsText)).Append(" |\n");
        page.Append("| Fixed automatically | ").Append(rule.AutoFixedBySafeGenerator
            ? "Yes, when the safe SQL generator's rewrite is enabled: reported as a rewrite, not a warning"
            : "No").Append(" |\n");
        page.Append("| Exempt | ").Append(rule.ExemptWhenTableIsNew ? "Operations on a table created earlier in the same migration" : "None").Append(" |\n");
        page.Append("| Build-time analyzer | ").Append(rule.AnalyzerSupport == AnalyzerSupport.Implemented
            ? "Visible in the migration's source"
            : "Run time only: " + rule.RuntimeOnlyReason).Append(" |\n");
        page.Append("| Category | ").Append(rule.Category).Append(" |\n");
        page.Append("| Message | `").Append(rule.MessageFormat).Append("` |\n\n");
        page.Append("## Why it is dangerous\n\n").Append(rule.Why).Append("\n\n");
        page.Append("## Non-compliant\n\n```csharp\n").Append(rule.UnsafeSample).Append("\n```\n\n");
        page.Append("## Compliant\n\n").Append(rule.SafeAlternative).Append("\n\n```csharp\n").Append(rule.SafeSample).Append("\n```\n\n");
        page.Append("## How to assure it\n\n");
        page.Append("When the operation is safe in your case (the table is empty or tiny, nothing reads the column any more...), ");
        page.Append("say so on the migration class. The reason is required and appears in every report:\n\n");
        page.Append("```csharp\n[SafetyAssured(\"").Append(rule.Id).Append("\", Reason = \"why it is safe here\")]\n");
        page.Append("public partial class MyMigration : Migration { ... }\n```\n\n");
        page.Append("To change the rule's severity for the whole project: `UseSafeMigrations(o => o.Lint.SetSeverity(\"")
            .Append(rule.Id).Append("\", RuleSeverity.Warning))`.\n\n");
        page.Append(EndOfGenerated).Append('\n');
        return page.ToString();
    }

    public static string RenderTable()
    {
        var table = new StringBuilder();
        table.Append(TableStart).Append('\n');
        table.Append("| Id | What | Severity | Safe alternative | Auto-fixed |\n|---|---|---|---|---|\n");
        foreach (var rule in RuleCatalog.All)
        {
            table.Append("| [").Append(rule.Id).Append("](docs/rules/").Append(rule.Id).Append(".md) | ")
                .Append(rule.Title)
                .Append(" | ").Append(rule.DefaultSeverity)
                .Append(" | ").Append(FirstSentence(rule.SafeAlternative).Replace("|", "\\|", StringComparison.Ordinal))
                .Append(" | ").Append(rule.AutoFixedBySafeGenerator ? "yes" : "no").Append(" |\n");
        }

        table.Append(TableEnd);
        return table.ToString();
    }

    private static string Severity(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "Error: `MigrateSafelyAsync` refuses the migration unless it is assured",
        RuleSeverity.Warning => "Warning: reported, never blocks",
        _ => "Info: reported, never blocks",
    };

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EfSafeMigrations.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EfSafeMigrations.sln above {AppContext.BaseDirectory}.");
    }
}
