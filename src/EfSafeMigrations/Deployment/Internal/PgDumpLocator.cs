namespace EfSafeMigrations.Deployment.Internal;

/// <summary>
/// Finds <c>pg_dump</c>: the configured path, else the first on <c>PATH</c> or in the folders PostgreSQL packages install to
/// (newest major first) whose major is the server's or newer: pg_dump refuses a server newer than itself, and a CI image's
/// client tools are often older than its database service.
/// </summary>
internal static partial class PgDumpLocator
{
    private static readonly string Executable = OperatingSystem.IsWindows() ? "pg_dump.exe" : "pg_dump";

    public static string Find(string? configuredPath, int serverMajor)
    {
        if (configuredPath is not null)
        {
            return File.Exists(configuredPath)
                ? configuredPath
                : throw new FileNotFoundException(
                    $"pg_dump was not found at the configured path '{configuredPath}' (Hooks.PgDumpPath). Point it at the pg_dump " +
                    "executable of the PostgreSQL client tools, or remove it to search PATH.", configuredPath);
        }

        // Asked one at a time (each answer is a process start), stopping at the first that can dump this server.
        var found = new List<(string Path, int Major)>();
        foreach (var path in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                     .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                     .Concat(InstallFolders())
                     .Select(folder => Path.Combine(folder, Executable))
                     .Where(File.Exists)
                     .Distinct(StringComparer.Ordinal))
        {
            var major = MajorOf(path);
            if (major >= serverMajor)
            {
                return path;
            }

            found.Add((path, major));
        }

        var tooOld = found.Count == 0 ? "" :
            $" (found {string.Join(", ", found.Select(f => $"{f.Path}: {(f.Major > 0 ? f.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown version")}"))}, " +
            $"older than the server's PostgreSQL {serverMajor}: pg_dump refuses a newer server)";
        throw new FileNotFoundException(
            $"No pg_dump of PostgreSQL {serverMajor} or newer was found{tooOld}; searched PATH, /usr/lib/postgresql/<major>/bin, " +
            "/usr/pgsql-<major>/bin, Homebrew and Program Files\\PostgreSQL, so the backup before applying cannot be taken. Install the " +
            "PostgreSQL client tools of the server's major version or newer (Debian/Ubuntu: apt-get install postgresql-client-<major>; " +
            "RHEL: dnf install postgresql<major>; containers: add them to the migration image), or set Hooks.PgDumpPath to its full path.");
    }

    // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" -> 15; 0 when it cannot be told.
    private static int MajorOf(string path)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(path, "--version")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (process is null)
            {
                return 0;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(10_000);
            return VersionPattern().Match(output) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 0;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\)\s+(\d+)")]
    private static partial System.Text.RegularExpressions.Regex VersionPattern();

    private static IEnumerable<string> InstallFolders()
    {
        IEnumerable<string> Versioned(string parent, string prefix, string bin) => Directory.Exists(parent)
            ? Directory.EnumerateDirectories(parent, prefix + "*")
                .Select(d => (Folder: Path.Combine(d, bin), Major: int.TryParse(Path.GetFileName(d)[prefix.Length..].Split('.')[0], out var m) ? m : 0))
                .OrderByDescending(d => d.Major)
                .Select(d => d.Folder)
            : [];

        return
        [
            .. Versioned("/usr/lib/postgresql", string.Empty, "bin"),
            .. Versioned("/usr", "pgsql-", "bin"),
            "/opt/homebrew/bin",
            "/usr/local/bin",
            .. Versioned(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "PostgreSQL"), string.Empty, "bin"),
        ];
    }
}
