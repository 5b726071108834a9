using System.Diagnostics;
using System.Globalization;
using EfSafeMigrations.ThrowawayPostgres.LocalCluster;
using Npgsql;

namespace EfSafeMigrations.ThrowawayPostgres;

/// <summary>
/// Runs a SQL script the way a DBA does: <c>psql -X -q -v ON_ERROR_STOP=1 -f script.sql</c>, a separate process in
/// autocommit, connected through PG* environment variables (no password on the command line). psql comes from the
/// server binaries the local cluster uses (<c>$EFSAFEMIGRATIONS_PG_BIN</c>, PATH, Debian's folders).
/// </summary>
public static class PsqlClient
{
    /// <summary>What psql did: its exit code (3 when ON_ERROR_STOP stopped the script) and output.</summary>
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        /// <inheritdoc />
        public override string ToString() => $"psql exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
    }

    /// <summary>The psql binary, or null when none is installed.</summary>
    public static string? Find()
    {
        var candidates = new List<string>();
        if (PostgresBinaries.Find(Environment.GetEnvironmentVariable) is { } binaries)
        {
            candidates.Add(binaries.Directory);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.Select(directory => Path.Combine(directory, "psql")).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs the script file <paramref name="file"/> against the database of <paramref name="connectionString"/>.</summary>
    /// <exception cref="FileNotFoundException">psql is not installed.</exception>
    public static async Task<Result> RunFileAsync(string connectionString, string file, CancellationToken cancellationToken = default)
    {
        var psql = Find() ?? throw new FileNotFoundException("psql was not found ($EFSAFEMIGRATIONS_PG_BIN, PATH, /usr/lib/postgresql/N/bin).", "psql");
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        start.Environment["PGAPPNAME"] = "psql";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, await output, await errors);
    }

    /// <summary>Writes <paramref name="script"/> to a temporary file and runs it (see <see cref="RunFileAsync"/>).</summary>
    public static async Task<Result> RunAsync(string connectionString, string script, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(Path.GetTempPath(), $"esm-script-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script, cancellationToken);
        try
        {
            return await RunFileAsync(connectionString, file, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
