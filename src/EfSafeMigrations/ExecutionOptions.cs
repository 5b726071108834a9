namespace EfSafeMigrations;

/// <summary>
/// How migrations are applied: the cross-process lock, lock and statement timeouts, retries.
/// The defaults suit a live production database; see docs/execution.md.
/// </summary>
public sealed class ExecutionOptions
{
    /// <summary>
    /// <c>lock_timeout</c> of the first attempt of each step under <c>MigrateSafelyAsync</c>. While a DDL statement
    /// waits for its lock, every later query on the table queues behind it, so this is the stall the application
    /// sees when a long transaction is in the way. Each retry waits longer (<see cref="LockTimeoutGrowth"/>), up to
    /// <see cref="LockTimeout"/>. Default: 100 ms (as GitLab's lock retries start).
    /// </summary>
    public TimeSpan InitialLockTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Factor the lock timeout grows by on each retry (from <see cref="InitialLockTimeout"/> up to
    /// <see cref="LockTimeout"/>). Default: 1.5 (100, 150, 225, 338, 506, 759, 1139, 1709 ms over the default 8
    /// attempts). 1 keeps it at <see cref="InitialLockTimeout"/>.
    /// </summary>
    public double LockTimeoutGrowth { get; set; } = 1.5;

    /// <summary>
    /// The longest <c>lock_timeout</c> a DDL statement gets: the ceiling the escalating lock timeout of
    /// <c>MigrateSafelyAsync</c> grows to, and the one timeout of plain <c>Migrate()</c> and scripts (they run each
    /// statement once). Default: 2 seconds. Set <see cref="InitialLockTimeout"/> to the same value for the old fixed
    /// timeout; <see cref="TimeSpan.Zero"/> means no lock timeout.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>statement_timeout</c> for DDL statements other than index builds and <c>VALIDATE CONSTRAINT</c>
    /// (those run without one: they may take long but do not block writes). Default: 15 minutes.
    /// <see cref="TimeSpan.Zero"/> means no statement timeout.
    /// </summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How many times a step is tried when it fails on its lock timeout (or a deadlock) before the run
    /// fails. Default: 8 (the first try and 7 retries: the escalating lock timeout starts short, so it takes a few
    /// attempts to reach the patience of a long one).
    /// </summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; it doubles on each retry, with ±50 % jitter. Default: 1 second.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the delay between retries. Default: 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long <c>MigrateSafelyAsync</c> waits for another migrator (in any process) to release the
    /// migration lock before it fails. Default: 10 minutes.
    /// </summary>
    public TimeSpan LockWaitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often a waiting migrator polls <c>pg_try_advisory_lock</c> (outside any transaction, so that a
    /// concurrent index build of the lock holder never waits for it). Default: 1 second.
    /// </summary>
    public TimeSpan LockPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Recorded in the journal as <c>applied_by_application</c>. Default: the entry assembly's name.
    /// </summary>
    public string? ApplicationName { get; set; }
}
