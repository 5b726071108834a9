using Microsoft.Extensions.Logging;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>The structured log events of the safe migrator (ids 35000-35099), defined once.</summary>
internal static class MigrationLog
{
    public static readonly Action<ILogger, int, Exception?> WaitingForLock = LoggerMessage.Define<int>(
        LogLevel.Information, new EventId(35001, nameof(WaitingForLock)),
        "Another migrator holds the migration lock; waiting (polling every {PollMs} ms)");

    public static readonly Action<ILogger, double, Exception?> LockAcquired = LoggerMessage.Define<double>(
        LogLevel.Information, new EventId(35002, nameof(LockAcquired)),
        "Migration lock acquired after {WaitMs} ms");

    public static readonly Action<ILogger, int, int, Exception?> Planned = LoggerMessage.Define<int, int>(
        LogLevel.Information, new EventId(35003, nameof(Planned)),
        "{MigrationCount} migration(s) to run, {StepCount} step(s)");

    public static readonly Action<ILogger, string, MigrationDirection, int, int, Exception?> MigrationStarting =
        LoggerMessage.Define<string, MigrationDirection, int, int>(
            LogLevel.Information, new EventId(35004, nameof(MigrationStarting)),
            "Migration {MigrationId} ({Direction}): {StepCount} step(s), starting at step {FirstStep}");

    public static readonly Action<ILogger, string, int, bool, double, string, Exception?> StatementExecuted =
        LoggerMessage.Define<string, int, bool, double, string>(
            LogLevel.Debug, new EventId(35005, nameof(StatementExecuted)),
            "Migration {MigrationId} step {Step} (transactional: {Transactional}) statement done in {DurationMs} ms: {Sql}");

    /// <summary>Warning 35006 (more values than <c>LoggerMessage.Define</c> takes).</summary>
    public static void LockTimeoutRetry(
        ILogger logger, string migrationId, int step, int attempt, int maxAttempts, double lockTimeoutMs, double delayMs, double nextLockTimeoutMs,
        string blockers)
        => logger.LogWarning(new EventId(35006, nameof(LockTimeoutRetry)),
            "Migration {MigrationId} step {Step} timed out waiting for a lock (attempt {Attempt} of {MaxAttempts}, lock_timeout {LockTimeoutMs} ms); " +
            "retrying in {DelayMs} ms with lock_timeout {NextLockTimeoutMs} ms. Blocked by: {Blockers}",
            migrationId, step, attempt, maxAttempts, lockTimeoutMs, delayMs, nextLockTimeoutMs, blockers);

    public static readonly Action<ILogger, string, double, Exception?> MigrationApplied = LoggerMessage.Define<string, double>(
        LogLevel.Information, new EventId(35007, nameof(MigrationApplied)),
        "Migration {MigrationId} done in {DurationMs} ms");

    public static readonly Action<ILogger, string, int, Exception?> MigrationFailed = LoggerMessage.Define<string, int>(
        LogLevel.Error, new EventId(35008, nameof(MigrationFailed)),
        "Migration {MigrationId} failed at step {Step}; completed steps are kept and the next run resumes after them");

    public static readonly Action<ILogger, string, Exception?> InvalidIndexDropped = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(35009, nameof(InvalidIndexDropped)),
        "Dropped INVALID index {Index} left by an earlier failed concurrent build before building it again");

    public static readonly Action<ILogger, string, Exception?> ValidIndexSkipped = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(35010, nameof(ValidIndexSkipped)),
        "Index {Index} is already built and valid (an earlier run built it); skipping its build");

    public static readonly Action<ILogger, int, int, double, Exception?> RunCompleted = LoggerMessage.Define<int, int, double>(
        LogLevel.Information, new EventId(35011, nameof(RunCompleted)),
        "Applied {Applied} and reverted {Reverted} migration(s) in {DurationMs} ms");

    public static readonly Action<ILogger, string, string, string, Exception?> PreflightProblem = LoggerMessage.Define<string, string, string>(
        LogLevel.Warning, new EventId(35012, nameof(PreflightProblem)),
        "Preflight {Check} {Code}: {Message}");

    public static readonly Action<ILogger, string, int, string, Exception?> WaitingForOrphanedIndexBuild = LoggerMessage.Define<string, int, string>(
        LogLevel.Warning, new EventId(35020, nameof(WaitingForOrphanedIndexBuild)),
        "Migration {MigrationId} step {Step}: {Message}");

    public static readonly Action<ILogger, string, string, Exception?> InvalidIndexLeft = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(35021, nameof(InvalidIndexLeft)),
        "Could not drop the INVALID index {Index} the failed build left (blocked by {Blockers}); the next run drops it before building it again");

    public static readonly Action<ILogger, string, Exception?> PostDeployment = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(35014, nameof(PostDeployment)), "{Note}");
}
