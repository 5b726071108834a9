namespace EfSafeMigrations.Tests.Linting;

public class RuleCaseTests
{
    private static IEnumerable<TestCaseData> Cases()
        => RuleCases.All.Select(c => new TestCaseData(c).SetName(c.ToString().Replace('.', '_')));

    [TestCaseSource(nameof(Cases))]
    public void Rule_fires_exactly_when_expected(RuleCase ruleCase)
    {
        var report = ruleCase.Lint();
        var fired = report.Findings.Where(f => f.RuleId == ruleCase.RuleId).ToList();

        if (ruleCase.ShouldFire)
        {
            fired.Should().NotBeEmpty($"{ruleCase.RuleId} should fire; findings were: {string.Join(" | ", report.Findings)}");
            fired.Should().OnlyContain(f => !f.Message.Contains('{') && f.Message.Length > 10, "messages have every placeholder filled");
        }
        else
        {
            fired.Should().BeEmpty($"{ruleCase.RuleId} should stay silent");
        }
    }

    [Test]
    public void Every_rule_has_a_positive_and_a_negative_case()
    {
        foreach (var rule in RuleCatalog.All)
        {
            RuleCases.All.Should().Contain(c => c.RuleId == rule.Id && c.ShouldFire, $"{rule.Id} needs a case where it fires");
            RuleCases.All.Should().Contain(c => c.RuleId == rule.Id && !c.ShouldFire, $"{rule.Id} needs a case where it stays silent");
        }

        RuleCases.All.Select(c => c.RuleId).Should().OnlyContain(id => RuleCatalog.Find(id) != null);
    }
}
