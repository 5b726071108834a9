using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>Which failures are retried, and how long to wait: exponential backoff with ±50 % jitter, capped.</summary>
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
}
