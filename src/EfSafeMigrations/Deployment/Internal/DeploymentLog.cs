using Microsoft.Extensions.Logging;

namespace EfSafeMigrations.Deployment.Internal;

/// <summary>The structured log events of the deployment features (ids 35030-35039), defined once.</summary>
internal static class DeploymentLog
{
    public static readonly Action<ILogger, string, long, double, Exception?> BackupWritten = LoggerMessage.Define<string, long, double>(
        LogLevel.Information, new EventId(35030, nameof(BackupWritten)),
        "Backup written before applying: {Path} ({Bytes} bytes, {DurationMs} ms)");

    public static readonly Action<ILogger, string, Exception?> Verified = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(35031, nameof(Verified)),
        "Verification after the run: {Summary}");

    public static readonly Action<ILogger, string, Exception?> InvalidObjectsLeft = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(35032, nameof(InvalidObjectsLeft)),
        "Verification after the run found objects PostgreSQL does not use yet: {Summary}. Drop and rebuild an INVALID index " +
        "(CONCURRENTLY), and VALIDATE a NOT VALID constraint, or find what left them");

    public static readonly Action<ILogger, string, Exception?> VerificationSkipped = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(35033, nameof(VerificationSkipped)),
        "The verification after the run could not read the catalog ({Error}); the run itself completed");
}
