namespace EfSafeMigrations;

/// <summary>Expand/contract changes and the post-deployment phase (docs/expand-contract.md).</summary>
public sealed class ExpandContractOptions
{
    /// <summary>
    /// Whether <c>dotnet ef migrations add</c> scaffolds column renames, type changes (with a new column name), nullable to
    /// required, table renames and column drops as expand operations, instead of EF's one-step forms. Default: off; a single
    /// property or entity opts in with <c>UsesExpandContract()</c>.
    /// </summary>
    public bool Scaffold { get; set; }

    /// <summary>
    /// Whether this run also applies post-deployment migrations (contracts, <see cref="PostDeploymentAttribute"/>). Default:
    /// <see langword="false"/>: they wait, listed in the report and in <c>status</c>, for <c>migrate --post-deployment</c>.
    /// </summary>
    public bool ApplyPostDeployment { get; set; }

    /// <summary>
    /// Before a contract runs, how long its expansion's trigger must see no write from the old application version (the old
    /// column written, or NULL written into a column being made required). A write in that window stops the post-deployment run
    /// before anything of it runs: the rollout has not finished. <see cref="TimeSpan.Zero"/>: not watched. Default: 5 seconds.
    /// </summary>
    public TimeSpan OldWriterQuietPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
