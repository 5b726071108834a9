using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// Collects steps in any order and hands them back sorted by <see cref="PushStepKind"/> (whose order is the
/// dependency order); steps of one kind keep the order they were added in.
/// </summary>
internal sealed class PlanBuilder(AllowList allowList)
{
    private readonly List<PushStep> _steps = [];
    private readonly List<string> _problems = [];
    private readonly List<string> _warnings = [];

    public void Add(PushStepKind kind, string target, string sql, QualifiedName? index = null)
        => _steps.Add(new PushStep(kind, target, sql, null, null, true) { Index = index });

    /// <summary>A step that can lose data: allowed only when <paramref name="allowListEntry"/> is in the allow-list.</summary>
    public void AddDataLoss(PushStepKind kind, string target, string sql, string dataLoss, string allowListEntry)
        => _steps.Add(new PushStep(kind, target, sql, dataLoss, allowListEntry, allowList.Allows(allowListEntry)));

    public IReadOnlyList<PushStep> Steps => _steps;

    public void Problem(string problem) => _problems.Add(problem);

    public void Warning(string warning) => _warnings.Add(warning);

    public PushPlan Build()
    {
        // OrderBy is stable: the order steps of one kind were added in is kept.
        var ordered = _steps.OrderBy(s => s.Kind).ToList();
        return new PushPlan(ordered, _problems.ToList(), _warnings.ToList());
    }
}
