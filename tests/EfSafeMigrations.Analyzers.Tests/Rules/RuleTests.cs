using EfSafeMigrations.Analyzers.Tests.Infrastructure;

namespace EfSafeMigrations.Analyzers.Tests.Rules;

/// <summary>For every rule the analyzer implements: flagged, silent on the safe form and on look-alike code, fixed output compiles.</summary>
[Parallelizable(ParallelScope.All)]
public class RuleTests
{
    private static IEnumerable<RuleCase> Cases() => RuleCases.All();

    private static IEnumerable<RuleCase> FixableCases() => RuleCases.All().Where(c => c.Fixed is not null);

    [TestCaseSource(nameof(Cases))]
    public Task Unsafe_form_is_flagged(RuleCase rule)
        => MigrationTest.VerifyAsync(MigrationSource.Migration(rule.Unsafe, rule.Down));

    [TestCaseSource(nameof(Cases))]
    public Task Safe_form_is_not_flagged(RuleCase rule)
        => MigrationTest.VerifyAsync(MigrationSource.Migration(rule.Safe, rule.Down, attributes: rule.SafeAttributes));

    [TestCaseSource(nameof(Cases))]
    public Task Look_alike_method_of_another_type_is_not_flagged(RuleCase rule)
        => MigrationTest.VerifyAsync(MigrationSource.Migration(LookAlikeBuilder.Rewrite(rule.Unsafe), extraTypes: LookAlikeBuilder.Source));

    [TestCaseSource(nameof(FixableCases))]
    public Task Code_fix_produces_the_safe_form_which_compiles(RuleCase rule)
        => MigrationTest.VerifyFixAsync(
            MigrationSource.Migration(rule.Unsafe, rule.Down),
            MigrationSource.Migration(rule.Fixed!, rule.Down, attributes: rule.FixedAttributes));
}
