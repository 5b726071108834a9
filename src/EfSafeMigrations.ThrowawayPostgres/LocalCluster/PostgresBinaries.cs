namespace EfSafeMigrations.ThrowawayPostgres.LocalCluster;

/// <summary>Finds initdb and pg_ctl: <c>$EFSAFEMIGRATIONS_PG_BIN</c>, then PATH, then Debian's <c>/usr/lib/postgresql/N/bin</c> (newest N).</summary>
internal sealed record PostgresBinaries(string Directory)
{
    public const string BinDirectoryVariable = "EFSAFEMIGRATIONS_PG_BIN";

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public static PostgresBinaries? Find(Func<string, string?> getVariable, string debianRoot = "/usr/lib/postgresql")
    {
        var candidates = new List<string>();
        if (getVariable(BinDirectoryVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((getVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        candidates.AddRange(DebianVersionDirectories(debianRoot));

        return candidates
            .Select(dir => ResolveLinks(dir))
            .Where(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            .Select(dir => new PostgresBinaries(dir))
            .FirstOrDefault();
    }

    // /usr/local/bin/initdb is often a link into /usr/lib/postgresql/N/bin; pg_ctl must come from the same place.
    private static string ResolveLinks(string directory)
    {
        var initdb = new FileInfo(Path.Combine(directory, "initdb"));
        if (initdb.Exists && initdb.LinkTarget is not null && initdb.ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            return Path.GetDirectoryName(target.FullName) ?? directory;
        }

        return directory;
    }

    private static IEnumerable<string> DebianVersionDirectories(string root)
    {
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        return System.IO.Directory.GetDirectories(root)
            .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
            .Where(x => x.version > 0)
            .OrderByDescending(x => x.version)
            .Select(x => Path.Combine(x.dir, "bin"));
    }
}
