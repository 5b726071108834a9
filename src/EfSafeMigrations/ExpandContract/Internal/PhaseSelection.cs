using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>Why post-deployment migrations apply in a run (or that they wait).</summary>
internal enum PostDeploymentDecision
{
    /// <summary>None pending.</summary>
    NonePending,

    /// <summary>They wait for a post-deployment run.</summary>
    Deferred,

    /// <summary>The run asked for them (<c>--post-deployment</c>, an option).</summary>
    Requested,

    /// <summary>Nothing was applied yet: no old application version can be running.</summary>
    FreshDatabase,

    /// <summary>An explicit target migration: everything up to it applies, as EF's own target does.</summary>
    ExplicitTarget,
}

/// <summary>
/// Which of the migrations EF would apply run now: pre-deployment ones always, post-deployment ones (<see cref="PostDeployment.Is"/>)
/// only when asked, on a fresh database, or up to an explicit target. The rest keep migration id order. A pre-deployment migration
/// newer than a deferred post-deployment one still applies (as GitLab's <c>db/post_migrate</c> does): a release's expand never
/// waits for the previous release's contract; docs/expand-contract.md says what that ordering asks of the migrations.
/// </summary>
internal sealed record PhaseSelection(
    IReadOnlyList<Migration> ToApply, IReadOnlyList<Migration> Deferred, IReadOnlyList<Migration> PostDeploymentApplied, PostDeploymentDecision Decision)
{
    public static PhaseSelection Split(IReadOnlyList<Migration> toApply, int appliedCount, string? targetMigration, bool applyPostDeployment)
    {
        var post = toApply.Where(PostDeployment.Is).ToList();
        if (post.Count == 0)
        {
            return new PhaseSelection(toApply, [], [], PostDeploymentDecision.NonePending);
        }

        var decision = applyPostDeployment ? PostDeploymentDecision.Requested
            : appliedCount == 0 ? PostDeploymentDecision.FreshDatabase
            : !string.IsNullOrEmpty(targetMigration) ? PostDeploymentDecision.ExplicitTarget
            : PostDeploymentDecision.Deferred;
        return decision == PostDeploymentDecision.Deferred
            ? new PhaseSelection([.. toApply.Where(m => !post.Contains(m))], post, [], decision)
            : new PhaseSelection(toApply, [], post, decision);
    }

    /// <summary>The journal's phase of a migration: <c>post</c> for post-deployment ones, else <c>pre</c>.</summary>
    public static string PhaseOf(Migration migration) => PostDeployment.Is(migration) ? Journal.Database.JournalTable.Phases.Post : Journal.Database.JournalTable.Phases.Pre;

    /// <summary>The sentence the report and the log carry; null when no post-deployment migration was pending.</summary>
    public string? Note(Func<Migration, string> idOf) => Decision switch
    {
        PostDeploymentDecision.Deferred =>
            $"{Deferred.Count} post-deployment migration(s) wait for the rollout to finish: {string.Join(", ", Deferred.Select(idOf))}. " +
            "Apply them once no old application version runs: 'migrate --post-deployment' (or MigrateSafelyOptions.ApplyPostDeployment, " +
            "or o.ExpandContract.ApplyPostDeployment).",
        PostDeploymentDecision.FreshDatabase =>
            $"{PostDeploymentApplied.Count} post-deployment migration(s) applied with the rest: the database had no migration applied, " +
            "so no old application version can be running.",
        PostDeploymentDecision.ExplicitTarget =>
            $"{PostDeploymentApplied.Count} post-deployment migration(s) applied: a target migration was given, and everything up to it applies.",
        PostDeploymentDecision.Requested => $"{PostDeploymentApplied.Count} post-deployment migration(s) applied (post-deployment run).",
        _ => null,
    };
}
