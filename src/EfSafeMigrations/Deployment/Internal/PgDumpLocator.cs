namespace EfSafeMigrations.Deployment.Internal;

/// <summary>
/// Finds <c>pg_dump</c>: the configured path, then <c>PATH</c>, then the folders PostgreSQL packages install to (newest major
/// first: pg_dump refuses a server newer than itself, and a newer pg_dump dumps older servers).
/// </summary>
internal static class PgDumpLocator
{
    private static readonly string Executable = OperatingSystem.IsWindows() ? "pg_dump.exe" : "pg_dump";

    public static string Find(string? configuredPath)
    {
        if (configuredPath is not null)
        {
            return File.Exists(configuredPath)
                ? configuredPath
                : throw new FileNotFoundException(
                    $"pg_dump was not found at the configured path '{configuredPath}' (Hooks.PgDumpPath). Point it at the pg_dump " +
                    "executable of the PostgreSQL client tools, or remove it to search PATH.", configuredPath);
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, Executable));
        return onPath.Concat(InstallFolders().Select(folder => Path.Combine(folder, Executable))).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                "pg_dump was not found (searched PATH, /usr/lib/postgresql/<major>/bin, /usr/pgsql-<major>/bin, Homebrew and " +
                "Program Files\\PostgreSQL), so the backup before applying cannot be taken. Install the PostgreSQL client tools of " +
                "the server's major version or newer (Debian/Ubuntu: apt-get install postgresql-client; RHEL: dnf install postgresql; " +
                "containers: add them to the migration image), or set Hooks.PgDumpPath to its full path.");
    }

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
