using System.Text.RegularExpressions;

namespace EfSafeMigrations.Tests.Docs;

/// <summary>
/// The catalogue, docs/rules/ and the README's rules table agree. After changing a rule, regenerate with
/// <c>EFSAFEMIGRATIONS_UPDATE_DOCS=1 dotnet test tests/EfSafeMigrations.Tests --filter RuleDocsTests</c>.
/// </summary>
[NonParallelizable]
public class RuleDocsTests
{
    private static bool Update => Environment.GetEnvironmentVariable("EFSAFEMIGRATIONS_UPDATE_DOCS") == "1";

    [Test]
    public void Every_rule_has_a_docs_page_generated_from_the_catalogue()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var path = RuleDocs.PagePath(rule);
            var expected = RuleDocs.RenderPage(rule);
            if (Update)
            {
                var handWritten = File.Exists(path) ? HandWrittenPart(File.ReadAllText(path)) : string.Empty;
                File.WriteAllText(path, expected + handWritten);
            }

            File.Exists(path).Should().BeTrue($"{rule.Id} needs docs/rules/{rule.Id}.md");
            var page = File.ReadAllText(path);
            page.Split('\n')[0].Should().Be(RuleDocs.Heading(rule), "the heading carries the id and the title");
            page.Should().StartWith(expected, $"docs/rules/{rule.Id}.md must match the catalogue (regenerate it, see this test's summary)");
        }
    }

    [Test]
    public void Every_docs_page_belongs_to_a_rule()
    {
        foreach (var page in Directory.GetFiles(RuleDocs.RulesFolder, "*.md"))
        {
            var id = Path.GetFileNameWithoutExtension(page);
            if (id.Equals("README", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            RuleCatalog.Find(id).Should().NotBeNull($"docs/rules/{id}.md has no rule in the catalogue");
        }
    }

    [Test]
    public void The_readme_lists_every_rule_in_its_table()
    {
        var readmePath = Path.Combine(RuleDocs.Root, "README.md");
        var readme = File.ReadAllText(readmePath);
        var start = readme.IndexOf(RuleDocs.TableStart, StringComparison.Ordinal);
        var end = readme.IndexOf(RuleDocs.TableEnd, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "the README has the rules table markers");
        end.Should().BeGreaterThan(start);
        var current = readme[start..(end + RuleDocs.TableEnd.Length)];
        if (Update)
        {
            File.WriteAllText(readmePath, readme.Replace(current, RuleDocs.RenderTable(), StringComparison.Ordinal));
            current = RuleDocs.RenderTable();
        }

        current.Should().Be(RuleDocs.RenderTable(), "the README's rules table must match the catalogue (regenerate it)");
    }

    [Test]
    public void Rule_ids_are_unique_well_formed_and_their_messages_format()
    {
        RuleCatalog.All.Select(r => r.Id).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        foreach (var rule in RuleCatalog.All)
        {
            rule.Id.Should().MatchRegex("^ESM[0-9]{4}$");
            rule.HelpLink.Should().Be($"docs/rules/{rule.Id}.md");
            RuleCatalog.Get(rule.Id.ToLowerInvariant()).Should().BeSameAs(rule);
            var placeholders = Regex.Matches(rule.MessageFormat, @"\{(\d)\}").Select(m => int.Parse(m.Groups[1].Value)).DefaultIfEmpty(-1).Max() + 1;
            var formatted = rule.FormatMessage(Enumerable.Range(0, placeholders).Select(i => (object?)$"x{i}").ToArray());
            formatted.Should().NotContain("{");
            (rule.AnalyzerSupport == AnalyzerSupport.RuntimeOnly).Should().Be(rule.RuntimeOnlyReason is not null);
            new[] { rule.Title, rule.Why, rule.SafeAlternative, rule.UnsafeSample, rule.SafeSample }.Should().OnlyContain(s => s.Length > 0);
        }

        FluentActions.Invoking(() => RuleCatalog.Get("ESM9999")).Should().Throw<KeyNotFoundException>().WithMessage("*ESM0001 to ESM*");
    }

    private static string HandWrittenPart(string page)
    {
        var marker = page.IndexOf(RuleDocs.EndOfGenerated, StringComparison.Ordinal);
        return marker < 0 ? string.Empty : page[(marker + RuleDocs.EndOfGenerated.Length + 1)..];
    }
}
