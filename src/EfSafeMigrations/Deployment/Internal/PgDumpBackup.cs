using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EfSafeMigrations.Deployment.Internal;

/// <summary>
/// The ready before-run hook: <c>pg_dump</c> of the database about to be migrated. Credentials go to pg_dump through its
/// environment (PGPASSWORD and friends), never its command line, which other users of the machine can read. The dump is
/// written to a temporary name and renamed when pg_dump succeeds, so a failed dump never looks like a backup.
/// </summary>
internal static class PgDumpBackup
{
    public static async Task<string> TakeAsync(
        string? pgDumpPath, int serverMajor, string outputPath, string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var pgDump = PgDumpLocator.Find(pgDumpPath, serverMajor);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var folder = Directory.Exists(outputPath) || outputPath.EndsWith(Path.DirectorySeparatorChar) || outputPath.EndsWith(Path.AltDirectorySeparatorChar);
        var file = Path.GetFullPath(folder
            ? Path.Combine(outputPath, $"{settings.Database}-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.dump")
            : outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var partial = file + ".partial";

        var start = new ProcessStartInfo(pgDump)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--no-password", "--file", partial,
                     file.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) ? "--format=plain" : "--format=custom",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        SetEnvironment(start, settings);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"pg_dump could not be started ({pgDump}).");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            File.Delete(partial);
            throw;
        }

        var message = (await errors.ConfigureAwait(false)).Trim();
        await output.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            File.Delete(partial);
            throw new InvalidOperationException(
                $"pg_dump ({pgDump}) failed with exit code {process.ExitCode}: {message} Fix the cause (a pg_dump older than the " +
                "server needs the client tools of the server's major version; a missing privilege needs a role that can read every " +
                "object) or turn the backup off.");
        }

        File.Move(partial, file, overwrite: true);
        DeploymentLog.BackupWritten(logger, file, new FileInfo(file).Length, clock.Elapsed.TotalMilliseconds, null);
        return file;
    }

    private static void SetEnvironment(ProcessStartInfo start, NpgsqlConnectionStringBuilder settings)
    {
        void Set(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                start.Environment[name] = value;
            }
        }

        Set("PGHOST", settings.Host);
        Set("PGPORT", settings.Port.ToString(CultureInfo.InvariantCulture));
        Set("PGDATABASE", settings.Database);
        Set("PGUSER", settings.Username);
        Set("PGPASSWORD", settings.Password);
        Set("PGAPPNAME", "EfSafeMigrations backup");
        Set("PGSSLMODE", settings.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
    }
}
