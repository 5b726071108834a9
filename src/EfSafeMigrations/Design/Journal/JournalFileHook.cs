using EfSafeMigrations.Design.Internal;
using EfSafeMigrations.Journal;
using EfSafeMigrations.Journal.File;
using EfSafeMigrations.Journal.Verification;
using Microsoft.EntityFrameworkCore.Migrations.Design;

namespace EfSafeMigrations.Design.Journal;

/// <summary>
/// Keeps the journal file beside the migrations: <c>migrations add</c> appends the new migration
/// (creating the file, with every earlier migration, the first time), <c>migrations remove</c> drops it.
/// A journal it cannot read is reported and left alone: the verification will name the problem.
/// </summary>
internal sealed class JournalFileHook : IMigrationScaffoldingHook
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public void Saved(ScaffoldingEvent scaffolding, MigrationFiles files, string projectDirectory)
    {
        var reporter = scaffolding.Services.Reporter;
        var folder = Path.GetDirectoryName(files.MigrationFile);
        if (folder is null)
        {
            return;
        }

        var path = Path.Combine(folder, MigrationJournalFile.FileName);
        var journal = System.IO.File.Exists(path) ? TryRead(path, reporter) : Create(scaffolding.Services, path);
        if (journal is null)
        {
            return;
        }

        var id = scaffolding.Migration.MigrationId;
        journal = RefreshAssurances(journal, scaffolding.Services).Append(
            id,
            CompiledMigration.NameOf(id),
            DateTimeOffset.UtcNow,
            MigrationFacts.IsNonTransactional(scaffolding.UpOperations),
            [],
            MigrationChecksum.Compute(scaffolding.UpOperations));
        JournalFileWriter.Save(path, journal);
        reporter.WriteInformation($"EfSafeMigrations: recorded '{id}' in {Relative(projectDirectory, path)}.");
    }

    public void Removed(string removedMigrationId, MigrationFiles files, string projectDirectory, ScaffoldingServices services)
    {
        var folder = Path.GetDirectoryName(files.MigrationFile ?? files.MetadataFile ?? files.SnapshotFile);
        var path = folder is null ? null : Path.Combine(folder, MigrationJournalFile.FileName);
        if (path is null || !System.IO.File.Exists(path))
        {
            return;
        }

        var journal = TryRead(path, services.Reporter);
        if (journal is null)
        {
            return;
        }

        var position = journal.Entries.ToList().FindIndex(e => e.Id == removedMigrationId);
        if (position < 0)
        {
            return;
        }

        if (position != journal.Entries.Count - 1)
        {
            services.Reporter.WriteWarning(
                $"EfSafeMigrations: '{removedMigrationId}' was not the last entry of {Relative(projectDirectory, path)}; the entries after it were re-chained.");
        }

        var remaining = journal with { Entries = [.. journal.Entries.Where(e => e.Id != removedMigrationId)] };
        JournalFileWriter.Save(path, position == journal.Entries.Count - 1 ? remaining with { StoredHash = null } : remaining.Rechained());
        services.Reporter.WriteInformation($"EfSafeMigrations: removed '{removedMigrationId}' from {Relative(projectDirectory, path)}.");
    }

    private static MigrationJournal? TryRead(string path, Microsoft.EntityFrameworkCore.Design.Internal.IOperationReporter reporter)
    {
        try
        {
            return JournalFileReader.ReadFile(path);
        }
        catch (MigrationJournalException e)
        {
            reporter.WriteWarning($"EfSafeMigrations: the journal was not updated. {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// <c>[SafetyAssured]</c> is added by hand after a migration is scaffolded; by the next <c>migrations add</c>
    /// it is compiled, so earlier entries pick it up here (outside the hash chain: only the file hash changes).
    /// </summary>
    private static MigrationJournal RefreshAssurances(MigrationJournal journal, ScaffoldingServices services)
    {
        var compiled = services.MigrationsAssembly.Migrations;
        return journal with
        {
            Entries = [.. journal.Entries.Select(e => compiled.TryGetValue(e.Id, out var type)
                ? e with { AssuredRules = MigrationFacts.AssuredRules(type.AsType()) }
                : e)],
        };
    }

    /// <summary>A new journal holding every migration compiled so far (a project that installs EfSafeMigrations mid-way).</summary>
    private static MigrationJournal Create(ScaffoldingServices services, string path)
    {
        var journal = MigrationJournal.Empty(services.ContextType.FullName ?? services.ContextType.Name);
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, type) in services.MigrationsAssembly.Migrations)
        {
            var migration = services.MigrationsAssembly.CreateMigration(type, NpgsqlProvider);
            var compiled = CompiledMigration.From(id, migration);
            journal = journal.Append(id, compiled.Name, now, compiled.NonTransactional, compiled.AssuredRules, compiled.Checksum);
        }

        services.Reporter.WriteVerbose($"EfSafeMigrations: creating {path} ({journal.Entries.Count} earlier migrations).");
        return journal;
    }

    private static string Relative(string projectDirectory, string path) => Path.GetRelativePath(projectDirectory, path);
}
