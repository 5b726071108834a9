namespace EfSafeMigrations.Push.Internal.Linting;

/// <summary>
/// Reviews a push plan with the rule catalogue. Push's own safety rule (data loss needs the allow-list) is
/// built into planning; this is the seam where the shared linter plugs in once it exists, turning its findings
/// into plan warnings. Push plans are for development databases, so findings warn and never block.
/// </summary>
internal interface IPushPlanLinter
{
    IEnumerable<string> Lint(IReadOnlyList<PushStep> steps);
}

/// <summary>The linter until the rule catalogue lands: no findings.</summary>
internal sealed class NoPushPlanLinter : IPushPlanLinter
{
    public IEnumerable<string> Lint(IReadOnlyList<PushStep> steps) => [];
}
