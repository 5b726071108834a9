using EfSafeMigrations.Journal.File;
using EfSafeMigrations.Journal.Verification;

namespace EfSafeMigrations.Journal.Repair;

/// <summary>
/// Rebuilds a journal file from the compiled migrations: the current checksums (accepting edits), id
/// order, entries for migrations added without <c>dotnet ef</c>, none for deleted ones, a fresh chain
/// and hash. Creation times of known entries are kept.
/// </summary>
internal static class JournalRepair
{
    public static JournalRepairResult RepairFile(string path, string contextName, IReadOnlyList<CompiledMigration> compiled, DateTimeOffset now)
    {
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, MigrationJournalFile.FileName);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"Cannot write the journal file {path}: the folder {folder} does not exist. Pass the migrations folder (for example \"Migrations\") or the journal file in it.");
        }

        MigrationJournal? existing = null;
        var changes = new List<string>();
        if (System.IO.File.Exists(path))
        {
            try
            {
                existing = JournalFileReader.ReadFile(path);
            }
            catch (MigrationJournalException e)
            {
                changes.Add($"replaced the unreadable file ({e.Problem})");
            }
        }
        else
        {
            changes.Add("created the file");
        }

        var known = existing?.Entries.ToDictionary(e => e.Id, StringComparer.Ordinal) ?? [];
        var journal = MigrationJournal.Empty(contextName);
        foreach (var migration in compiled)
        {
            if (!known.TryGetValue(migration.Id, out var entry))
            {
                changes.Add($"recorded {migration.Id}");
            }
            else if (entry.Checksum != migration.Checksum)
            {
                changes.Add($"accepted the edit of {migration.Id}");
            }

            journal = journal.Append(migration.Id, migration.Name, entry?.Created ?? now, migration.NonTransactional, migration.AssuredRules, migration.Checksum);
        }

        foreach (var dropped in known.Keys.Where(id => compiled.All(m => m.Id != id)))
        {
            changes.Add($"dropped {dropped} (not compiled)");
        }

        if (existing is not null && changes.Count == 0 && JournalFileWriter.Write(existing) != JournalFileWriter.Write(journal))
        {
            changes.Add("re-chained the entries");
        }

        JournalFileWriter.Save(path, journal);
        return new JournalRepairResult(path, changes);
    }
}
