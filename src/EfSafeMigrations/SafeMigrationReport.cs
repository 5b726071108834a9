namespace EfSafeMigrations;

/// <summary>What <c>MigrateSafelyAsync</c> did (or, in a dry run, would do).</summary>
public sealed class SafeMigrationReport
{
    internal readonly List<MigrationOutcome> MigrationList = [];
    internal readonly List<Execution.PreflightProblem> ProblemList = [];
    internal readonly List<BackfillOutcome> BackfillList = [];
    internal readonly List<string> DeferredList = [];

    /// <summary>Whether this was a dry run (nothing executed).</summary>
    public bool DryRun { get; internal set; }

    /// <summary>The plan the run followed (the full plan in a dry run).</summary>
    public MigrationPlan Plan { get; internal set; } = new([]);

    /// <summary>Per migration: status, duration, statements.</summary>
    public IReadOnlyList<MigrationOutcome> Migrations => MigrationList;

    /// <summary>Ids of the migrations this run applied, in order.</summary>
    public IReadOnlyList<string> AppliedMigrations
        => MigrationList.Where(m => m.Status == MigrationStatus.Applied && m.Direction == MigrationDirection.Up).Select(m => m.Id).ToList();

    /// <summary>Ids of the migrations this run reverted, in order.</summary>
    public IReadOnlyList<string> RevertedMigrations
        => MigrationList.Where(m => m.Status == MigrationStatus.Applied && m.Direction == MigrationDirection.Down).Select(m => m.Id).ToList();

    /// <summary>
    /// Ids of the post-deployment migrations this run left pending (contracts, <see cref="PostDeploymentAttribute"/>), in order:
    /// they wait for the rollout to finish, then <c>migrate --post-deployment</c> (or <see cref="MigrateSafelyOptions.ApplyPostDeployment"/>)
    /// applies them. Empty when none waits.
    /// </summary>
    public IReadOnlyList<string> DeferredMigrations => DeferredList;

    /// <summary>
    /// What this run did with post-deployment migrations, as a sentence: which wait and how to apply them, or why they applied
    /// (asked for, a fresh database, an explicit target); <see langword="null"/> when none was pending.
    /// </summary>
    public string? PostDeploymentNote { get; internal set; }

    /// <summary>Every problem the preflight checks (lint gate, journal verification) reported.</summary>
    public IReadOnlyList<Execution.PreflightProblem> Problems => ProblemList;

    /// <summary>How many statement attempts failed on a lock timeout or deadlock and were retried.</summary>
    public int Retries { get; internal set; }

    /// <summary>The backfills this run ran (rows, batches, duration), in order.</summary>
    public IReadOnlyList<BackfillOutcome> Backfills => BackfillList;

    /// <summary>How many statements each safe rewrite shaped (by rewrite name).</summary>
    public IReadOnlyDictionary<string, int> Rewrites
        => Plan.Migrations.SelectMany(m => m.Steps).SelectMany(s => s.Statements).SelectMany(s => s.Rewrites)
            .GroupBy(r => r, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>How long the run waited for the cross-process migration lock.</summary>
    public TimeSpan LockWait { get; internal set; }

    /// <summary>Wall-clock duration of the whole run.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>
    /// What the touched schemas hold after a run that applied or reverted something (tables, indexes, and invalid
    /// indexes or NOT VALID constraints left); <see langword="null"/> when nothing ran (or in a dry run).
    /// </summary>
    public VerificationSummary? Verification { get; internal set; }

    /// <summary>The <c>pg_dump</c> file written before applying (<see cref="MigrationHookOptions.BackupBeforeApplying"/>), if one was.</summary>
    public string? BackupFile { get; internal set; }
}

/// <summary>The outcome of one migration.</summary>
public enum MigrationStatus
{
    /// <summary>Dry run: it would run.</summary>
    Planned,

    /// <summary>Applied (or reverted, for <see cref="MigrationDirection.Down"/>) completely.</summary>
    Applied,

    /// <summary>Failed; the journal says which steps completed, and the next run resumes after them.</summary>
    Failed,
}

/// <summary>One migration of a run.</summary>
public sealed class MigrationOutcome
{
    internal readonly List<StatementOutcome> StatementList = [];

    internal MigrationOutcome(string id, MigrationDirection direction) => (Id, Direction) = (id, direction);

    /// <summary>The migration id.</summary>
    public string Id { get; }

    /// <summary>Applied or reverted.</summary>
    public MigrationDirection Direction { get; }

    /// <summary>What happened.</summary>
    public MigrationStatus Status { get; internal set; } = MigrationStatus.Planned;

    /// <summary>Steps an earlier run had completed (this run resumed after them).</summary>
    public int ResumedAfterStep { get; internal set; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>The statements executed, with timing and attempts.</summary>
    public IReadOnlyList<StatementOutcome> Statements => StatementList;
}

/// <summary>One executed statement.</summary>
/// <param name="StepNumber">The step it belongs to.</param>
/// <param name="Sql">The SQL, passwords redacted.</param>
/// <param name="Transactional">Whether it ran inside the step's transaction.</param>
/// <param name="Duration">How long its successful attempt took.</param>
/// <param name="Attempts">How many attempts its step needed.</param>
/// <param name="Rewrites">The safe rewrites that shaped it.</param>
/// <param name="Skipped">True when a resumed run found its concurrent index already built and valid.</param>
public sealed record StatementOutcome(
    int StepNumber, string Sql, bool Transactional, TimeSpan Duration, int Attempts, IReadOnlyList<string> Rewrites, bool Skipped);

/// <summary>A session that blocked a migration statement (from <c>pg_blocking_pids</c>).</summary>
/// <param name="Pid">Its backend process id.</param>
/// <param name="State">Its state (<c>active</c>, <c>idle in transaction</c>, ...).</param>
/// <param name="Query">Its current or last query, passwords redacted.</param>
/// <param name="ApplicationName">Its <c>application_name</c>.</param>
/// <param name="TransactionAge">How long its transaction has been open.</param>
public sealed record BlockingSession(int Pid, string? State, string? Query, string? ApplicationName, TimeSpan? TransactionAge)
{
    /// <inheritdoc />
    public override string ToString()
        => $"pid {Pid} ({State ?? "unknown state"}{(TransactionAge is { } age ? $", transaction open {age.TotalSeconds:0.#} s" : string.Empty)}" +
           $"{(string.IsNullOrEmpty(ApplicationName) ? string.Empty : ", application " + ApplicationName)}): {Query ?? "(query unknown)"}";
}
