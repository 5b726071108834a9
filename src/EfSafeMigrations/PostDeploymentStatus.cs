namespace EfSafeMigrations;

/// <summary>Where a database stands in the post-deployment phase (docs/expand-contract.md).</summary>
public sealed class PostDeploymentStatus
{
    internal PostDeploymentStatus(IReadOnlyList<string> waiting, IReadOnlyList<OpenExpansion> openExpansions)
        => (Waiting, OpenExpansions) = (waiting, openExpansions);

    /// <summary>
    /// Post-deployment migrations not applied yet, in order: <c>migrate --post-deployment</c> applies them once the rollout has
    /// finished. Empty on a database with no migration applied (there they apply with the rest).
    /// </summary>
    public IReadOnlyList<string> Waiting { get; }

    /// <summary>Expansions applied whose contract (or undo) is not: the old column, sync trigger or compatibility view are still there.</summary>
    public IReadOnlyList<OpenExpansion> OpenExpansions { get; }
}

/// <summary>An expansion applied and not contracted yet.</summary>
/// <param name="MigrationId">The migration that expanded.</param>
/// <param name="Description">What changes (<see cref="ExpansionOperation.Describe"/>).</param>
/// <param name="Operation">The expand operation itself.</param>
public sealed record OpenExpansion(string MigrationId, string Description, ExpansionOperation Operation);
