using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.Push.Internal.Linting;

/// <summary>
/// Reviews a push plan with the rule catalogue. Push's own safety rule (data loss needs the allow-list) is built
/// into planning; the catalogue's findings become plan warnings. Push plans are for development databases, so
/// findings warn and never block.
/// </summary>
internal interface IPushPlanLinter
{
    IEnumerable<string> Lint(DbContext context, IReadOnlyList<PushStep> steps, int serverMajorVersion);
}
