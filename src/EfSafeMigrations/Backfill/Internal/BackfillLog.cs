using Microsoft.Extensions.Logging;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>The backfill's log events (ids 35030-35039, category of the migrator).</summary>
internal static class BackfillLog
{
    public static readonly Action<ILogger, string, int, string, Exception?> Progress = LoggerMessage.Define<string, int, string>(
        LogLevel.Information, new EventId(35030, "BackfillProgress"), "Migration {MigrationId} step {Step}: {Progress}");

    public static readonly Action<ILogger, string, int, string, long, int, double, Exception?> Completed =
        LoggerMessage.Define<string, int, string, long, int, double>(
            LogLevel.Information, new EventId(35031, "BackfillCompleted"),
            "Migration {MigrationId} step {Step}: backfill of {Table} done: {RowsUpdated} row(s) changed in {Batches} batch(es), {DurationMs} ms");

    public static readonly Action<ILogger, string, int, string, Exception?> AlreadyDone = LoggerMessage.Define<string, int, string>(
        LogLevel.Information, new EventId(35032, "BackfillAlreadyDone"),
        "Migration {MigrationId} step {Step}: the backfill of {Table} finished in an earlier run; not run again");

    public static readonly Action<ILogger, string, int, double, double, Exception?> WaitingForReplication =
        LoggerMessage.Define<string, int, double, double>(
            LogLevel.Warning, new EventId(35033, "BackfillWaitingForReplication"),
            "Migration {MigrationId} step {Step}: a standby replays {LagMs} ms behind (limit {LimitMs} ms); the backfill waits");

    public static readonly Action<ILogger, string, int, int, long, Exception?> Resuming = LoggerMessage.Define<string, int, int, long>(
        LogLevel.Information, new EventId(35034, "BackfillResuming"),
        "Migration {MigrationId} step {Step}: resuming the backfill after batch {Batches} ({RowsWalked} rows walked by an earlier run)");
}
