using System.Reflection;
using EfSafeMigrations.Execution;
using EfSafeMigrations.Journal.Verification;

namespace EfSafeMigrations.Journal.File;

/// <summary>
/// Finds a context's journal at run time: the file named in <see cref="JournalOptions.FilePath"/>, or
/// the copy embedded in the migrations assembly by the package's build targets, picked by context name.
/// </summary>
internal static class JournalSource
{
    /// <summary>The journal, where it came from, or the problem that stopped it being read (never throws for bad content).</summary>
    public static (MigrationJournal? Journal, string Source, JournalProblem? Problem) Load(
        JournalOptions options, Assembly migrationsAssembly, string contextName)
    {
        if (options.FilePath is { } path)
        {
            if (!System.IO.File.Exists(path))
            {
                return (null, path, new JournalProblem(JournalProblemCodes.FileNotFound, PreflightSeverity.Error, null,
                    $"the journal file {path} set in JournalOptions.FilePath does not exist",
                    "Fix the path, or remove the setting to use the journal embedded in the migrations assembly"));
            }

            return TryRead(path, () => JournalFileReader.ReadFile(path));
        }

        // Assemblies emitted at run time (Reflection.Emit) carry no resources and throw when asked for them.
        var resources = (migrationsAssembly.IsDynamic ? [] : migrationsAssembly.GetManifestResourceNames())
            .Where(n => n.Replace('\\', '/').StartsWith(MigrationJournalFile.ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var candidates = new List<(MigrationJournal Journal, string Source)>();
        foreach (var resource in resources)
        {
            var source = $"{migrationsAssembly.GetName().Name}:{resource.Replace('\\', '/')[MigrationJournalFile.ResourcePrefix.Length..]}";
            var (journal, _, problem) = TryRead(source, () => JournalFileReader.Read(source, ReadResource(migrationsAssembly, resource)));
            if (problem is not null)
            {
                return (null, source, problem);
            }

            candidates.Add((journal!, source));
        }

        var match = candidates.Where(c => c.Journal.Context == contextName).ToList();
        if (match.Count == 1)
        {
            return (match[0].Journal, match[0].Source, null);
        }

        if (match.Count == 0 && candidates.Count == 1)
        {
            // Let the verification say whose journal it is.
            return (candidates[0].Journal, candidates[0].Source, null);
        }

        if (match.Count > 1)
        {
            return (null, string.Join(", ", match.Select(m => m.Source)), new JournalProblem(JournalProblemCodes.ContextMismatch, PreflightSeverity.Error, null,
                $"several journal files belong to context '{contextName}': {string.Join(", ", match.Select(m => m.Source))}",
                "Keep one journal per context: delete the stale copies (only the migrations folder's file is kept up to date)"));
        }

        return (null, $"{migrationsAssembly.GetName().Name}:{MigrationJournalFile.FileName}", null);
    }

    private static (MigrationJournal?, string, JournalProblem?) TryRead(string source, Func<MigrationJournal> read)
    {
        try
        {
            return (read(), source, null);
        }
        catch (MigrationJournalException e)
        {
            return (null, source, new JournalProblem(JournalProblemCodes.FileMalformed, PreflightSeverity.Error, null, e.Summary, e.Fix));
        }
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
