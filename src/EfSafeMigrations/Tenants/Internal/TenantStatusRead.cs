using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.Tenants.Internal;

/// <summary>One target's status: its history against the app's migrations and, when asked, the drift check. Read-only.</summary>
internal static class TenantStatusRead
{
    public static async Task<TenantStatus> ReadAsync<TContext>(
        TenantTarget target, TargetContexts<TContext> contexts, Action<CheckOptions>? check, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        var location = TargetSet.Location(target);
        try
        {
            return await contexts.UseAsync(target, async context =>
            {
                var applied = (await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                // Post-deployment migrations that wait are not "behind": they are listed apart.
                var waiting = PostDeploymentStatusReader.Of(context, applied).Waiting;
                var pending = context.Database.GetMigrations().Where(id => !applied.Contains(id) && !waiting.Contains(id)).ToList();
                CheckOutcome? drift = check is null
                    ? null
                    : (await context.Database.CheckAsync(check, cancellationToken).ConfigureAwait(false)).Outcome;
                return new TenantStatus(target.Name, location, applied.Count, pending, drift) { AwaitingPostDeployment = waiting };
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception failure)
        {
            return new TenantStatus(target.Name, location, 0, [], Error: TargetSet.Describe(failure));
        }
    }
}
