using System.Data.Common;

namespace EfSafeMigrations.Push.Internal.Applying;

/// <summary>
/// Executes a push plan. The seam where push switches to the shared safe executor of MigrateSafelyAsync once
/// it exists; until then <see cref="PushPlanApplier"/> does the same job for push's own plans.
/// </summary>
internal interface IPushPlanApplier
{
    /// <returns>How many statements ran.</returns>
    Task<int> ApplyAsync(DbConnection connection, PushPlan plan, PushOptions options, CancellationToken cancellationToken);
}
