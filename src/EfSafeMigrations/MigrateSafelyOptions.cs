using Microsoft.Extensions.Logging;

namespace EfSafeMigrations;

/// <summary>Per-call settings of <c>MigrateSafelyAsync</c>; what to apply, not how (that is <see cref="ExecutionOptions"/>).</summary>
public sealed class MigrateSafelyOptions
{
    /// <summary>
    /// The migration to migrate to (applying or reverting as needed), as <c>Migrate(targetMigration)</c> takes it;
    /// <see langword="null"/>: the latest. <c>"0"</c> reverts everything.
    /// </summary>
    public string? TargetMigration { get; set; }

    /// <summary>
    /// Also apply the pending post-deployment migrations (contracts, <see cref="PostDeploymentAttribute"/>): what
    /// <c>migrate --post-deployment</c> sets, once the rollout of the new application version has finished. Default: they wait
    /// (listed in <see cref="SafeMigrationReport.DeferredMigrations"/>), except on a database with no migration applied yet and up to
    /// an explicit <see cref="TargetMigration"/>. <see cref="ExpandContractOptions.ApplyPostDeployment"/> sets it for every run.
    /// </summary>
    public bool ApplyPostDeployment { get; set; }

    /// <summary>Return the full plan and execute nothing (no lock, no table created, no statement run).</summary>
    public bool DryRun { get; set; }

    /// <summary>Receives progress as the run goes (lock wait, each migration, step and statement, retries).</summary>
    public IProgress<SafeMigrationProgress>? Progress { get; set; }

    /// <summary>Where to log; default: the context's logger factory, category <c>EfSafeMigrations.Migrator</c>.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Set by the synchronous <c>Migrate()</c>: seeding then runs <c>UseSeeding</c>, as EF's synchronous path does.</summary>
    internal bool Synchronous { get; init; }
}

/// <summary>What a progress report is about.</summary>
public enum SafeMigrationStage
{
    /// <summary>Another migrator holds the lock; waiting.</summary>
    WaitingForLock,

    /// <summary>The migration lock is held.</summary>
    LockAcquired,

    /// <summary>A migration starts.</summary>
    MigrationStarting,

    /// <summary>A statement completed.</summary>
    StatementCompleted,

    /// <summary>A step failed on a lock timeout and will be retried.</summary>
    Retrying,

    /// <summary>A migration completed.</summary>
    MigrationCompleted,

    /// <summary>The run completed.</summary>
    Completed,

    /// <summary>An index build an earlier, stopped migrator left running on the server is still going; waiting for it.</summary>
    WaitingForIndexBuild,

    /// <summary>A backfill committed a batch (or waits for replication); <see cref="SafeMigrationProgress.Backfill"/> says where it is.</summary>
    Backfilling,
}

/// <summary>One progress report.</summary>
/// <param name="Stage">What it is about.</param>
/// <param name="MigrationId">The migration concerned, if any.</param>
/// <param name="Step">The step number, if any.</param>
/// <param name="StepsTotal">The migration's step count, if any.</param>
/// <param name="Message">A readable sentence.</param>
public sealed record SafeMigrationProgress(SafeMigrationStage Stage, string? MigrationId, int? Step, int? StepsTotal, string Message)
{
    /// <summary>For <see cref="SafeMigrationStage.Backfilling"/>: rows done, the estimate, rate and time left.</summary>
    public BackfillProgress? Backfill { get; init; }
}
