using EfSafeMigrations.Analyzers.Descriptors;
using EfSafeMigrations.Analyzers.Tests.Infrastructure;

namespace EfSafeMigrations.Analyzers.Tests.Rules;

/// <summary>The analyzer and the catalogue agree on which rules are checked at build time.</summary>
public class CatalogueCoverageTests
{
    private static readonly HashSet<string> Implemented = MigrationTest.AllAnalyzers
        .SelectMany(analyzer => analyzer.SupportedDiagnostics)
        .Select(descriptor => descriptor.Id)
        .ToHashSet(StringComparer.Ordinal);

    [Test]
    public void Every_rule_is_implemented_by_the_analyzer_or_marked_runtime_only_with_a_reason()
    {
        foreach (var rule in RuleCatalog.All)
        {
            if (rule.AnalyzerSupport == AnalyzerSupport.RuntimeOnly)
            {
                rule.RuntimeOnlyReason.Should().NotBeNullOrWhiteSpace(rule.Id + " is runtime-only, so the catalogue says why");
                Implemented.Should().NotContain(rule.Id, rule.Id + " is marked runtime-only in the catalogue");
            }
            else
            {
                Implemented.Should().Contain(rule.Id, rule.Id + " is marked as implemented by the analyzer in the catalogue");
            }
        }
    }

    [Test]
    public void Every_implemented_rule_has_test_cases()
        => RuleCases.All().Select(c => c.Id).Distinct().Should().BeEquivalentTo(Implemented);

    [Test]
    public void Descriptors_carry_the_catalogue_id_title_message_safe_alternative_and_help_link()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var descriptor = RuleDescriptors.For(rule);
            descriptor.Id.Should().Be(rule.Id);
            descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(rule.Title);
            var message = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            message.Should().StartWith(rule.MessageFormat).And.EndWith(rule.SafeAlternative.Replace("{", "{{").Replace("}", "}}"));
            descriptor.HelpLinkUri.Should().Be(rule.HelpLink).And.Be("docs/rules/" + rule.Id + ".md");
            descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(rule.Why);
        }
    }

    [Test]
    public void Unshipped_release_notes_list_every_implemented_rule_with_its_default_severity()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Releases", "AnalyzerReleases.Unshipped.md");
        var rows = File.ReadAllLines(path)
            .Where(line => line.StartsWith(RuleCatalog.IdPrefix, StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToDictionary(cells => cells[0], cells => cells);

        rows.Keys.Should().BeEquivalentTo(Implemented);
        foreach (var (id, cells) in rows)
        {
            var descriptor = RuleDescriptors.For(RuleCatalog.Get(id));
            cells[1].Should().Be(RuleDescriptors.Category, id);
            cells[2].Should().Be(descriptor.DefaultSeverity.ToString(), id);
        }
    }
}
