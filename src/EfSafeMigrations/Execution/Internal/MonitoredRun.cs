using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Runs SQL on the migrating connection the way every statement of a step runs: under the statement's lock and
/// statement timeouts, with the blocker monitor watching. A step's own statements go through it, and so does
/// everything the executor runs on the step's behalf (catalog checks, the cleanup of an INVALID index), so that a
/// lock timeout anywhere is retried by the step's policy and names its blockers, instead of escaping it.
/// </summary>
internal static class MonitoredRun
{
    /// <param name="activity">What the executor is doing, for messages; null for the step's own statement.</param>
    /// <param name="attempt">
    /// The step's attempt, for its escalating lock timeout; null (work on the step's behalf, which blocks no
    /// application query) runs under the statement's full lock timeout.
    /// </param>
    public static async Task<T> RunAsync<T>(
        ExecutionSession session, PlannedStatement timeoutsOf, NpgsqlTransaction? transaction, string? activity,
        Func<NpgsqlConnection, NpgsqlTransaction?, CancellationToken, Task<T>> work, CancellationToken cancellationToken, int? attempt = null)
    {
        var connection = session.Connection;
        BlockerMonitor? monitor = null;
        try
        {
            // Inside the try: a broken connection has no process id, and that too is the step's failure to judge.
            var lockTimeout = attempt is { } a ? RetryPolicy.LockTimeoutFor(a, timeoutsOf.LockTimeout, session.Options) : timeoutsOf.LockTimeout;
            monitor = BlockerMonitor.Start(session.MonitorConnection, session.BackendPid ?? connection.ProcessID, lockTimeout);
            return await PlanExecutor.WithTimeoutsAsync(connection, transaction, lockTimeout, timeoutsOf.StatementTimeout,
                () => work(connection, transaction, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            var blockers = monitor is null ? [] : await monitor.BlockersAsync(lookBack: RetryPolicy.IsRetryable(exception)).ConfigureAwait(false);
            throw new StatementFailedException(blockers, exception, activity);
        }
        finally
        {
            if (monitor is not null)
            {
                await monitor.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
