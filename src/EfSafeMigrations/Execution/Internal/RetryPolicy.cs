using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Which failures are retried, how long to wait (exponential backoff with ±50 % jitter, capped), and how long each
/// attempt may wait for its lock (short at first, growing per attempt up to the ceiling).
/// </summary>
internal static class RetryPolicy
{
    /// <summary>lock_not_available (our lock_timeout fired) and deadlock_detected: nothing was applied, trying again is safe.</summary>
    public static bool IsRetryable(Exception exception)
        => exception is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected };

    public static TimeSpan DelayBefore(int nextAttempt, ExecutionOptions options)
    {
        var exponential = options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, nextAttempt - 2));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble()));
    }

    /// <summary>
    /// The <c>lock_timeout</c> of attempt <paramref name="attempt"/> (1-based): <see cref="ExecutionOptions.InitialLockTimeout"/>
    /// times <see cref="ExecutionOptions.LockTimeoutGrowth"/> per earlier attempt, capped at <paramref name="ceiling"/>
    /// (the statement's planned lock timeout). A short first wait bounds the stall of the queries queued behind a
    /// waiting DDL statement; longer later ones still let it through past a busy table. Null or zero ceiling: none.
    /// </summary>
    public static TimeSpan? LockTimeoutFor(int attempt, TimeSpan? ceiling, ExecutionOptions options)
    {
        if (ceiling is not { } max || max <= TimeSpan.Zero || options.InitialLockTimeout <= TimeSpan.Zero)
        {
            return ceiling;
        }

        var grown = options.InitialLockTimeout.TotalMilliseconds * Math.Pow(Math.Max(1, options.LockTimeoutGrowth), attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Round(Math.Min(grown, max.TotalMilliseconds)));
    }
}
