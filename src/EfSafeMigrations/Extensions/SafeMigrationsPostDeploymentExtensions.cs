using EfSafeMigrations;
using EfSafeMigrations.ExpandContract.Internal;

namespace Microsoft.EntityFrameworkCore;

/// <summary>The post-deployment phase of expand/contract changes (docs/expand-contract.md).</summary>
public static class SafeMigrationsPostDeploymentExtensions
{
    /// <summary>
    /// Which post-deployment migrations wait for <c>migrate --post-deployment</c>, and which expansions are open (expanded, not
    /// contracted). Reads the migrations history only; changes nothing.
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<PostDeploymentStatus> GetPostDeploymentStatusAsync(
        this Infrastructure.DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return PostDeploymentStatusReader.ReadAsync(database.ContextOf(), cancellationToken);
    }
}
