using System.Diagnostics;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Scripts;

/// <summary>
/// Runs a script the way a DBA does: <c>psql -X -v ON_ERROR_STOP=1 -f script.sql</c>, a separate process, autocommit,
/// connected as the database's owning (non-superuser) role through PG* environment variables (no password on the
/// command line). psql comes from the PostgreSQL binaries the fixture uses (or PATH).
/// </summary>
internal static class Psql
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"psql exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
    }

    /// <summary>The psql binary, or null (the test is then ignored, saying why).</summary>
    public static string? Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("EFSAFEMIGRATIONS_PG_BIN") is { Length: > 0 } bin)
        {
            candidates.Add(bin);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }

        return candidates.Select(d => Path.Combine(d, "psql")).FirstOrDefault(File.Exists);
    }

    public static async Task<Result> RunAsync(string connectionString, string script)
    {
        var psql = Find();
        if (psql is null)
        {
            Assert.Ignore("psql was not found (EFSAFEMIGRATIONS_PG_BIN, PATH, /usr/lib/postgresql/N/bin): the script tests need it.");
        }

        var file = Path.Combine(Path.GetTempPath(), $"esm-script-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(connectionString);
            var start = new ProcessStartInfo(psql!)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var argument in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PGHOST"] = connection.Host;
            start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["PGDATABASE"] = connection.Database;
            start.Environment["PGUSER"] = connection.Username;
            start.Environment["PGPASSWORD"] = connection.Password;
            start.Environment["PGAPPNAME"] = "psql";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new Result(process.ExitCode, await output, await errors);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
