using EfSafeMigrations;
using EfSafeMigrations.Journal.Database;
using EfSafeMigrations.Journal.Repair;
using EfSafeMigrations.Journal.Verification;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Repairs the migration journal after an intended change (see docs/journal.md#repair).</summary>
public static class SafeMigrationsJournalExtensions
{
    /// <summary>
    /// Rewrites the journal file at <paramref name="path"/> (the file, or the migrations folder) from the
    /// compiled migrations: accepts edits, records migrations added without <c>dotnet ef</c>, drops deleted
    /// ones, restores id order and re-chains the hashes. Run it on a developer machine, then commit the file.
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="path">The journal file, or the folder holding it.</param>
    public static JournalRepairResult RepairJournalFile(this Infrastructure.DatabaseFacade database, string path)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var context = database.ContextOf();
        return JournalRepair.RepairFile(path, context.GetType().FullName ?? context.GetType().Name, CompiledMigrations(context), DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Accepts intended edits: rewrites the journal file when <see cref="JournalRepairOptions.JournalFilePath"/>
    /// is set, and records the current checksum in the database journal for each migration named in
    /// <see cref="JournalRepairOptions.AcceptedMigrationIds"/>.
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="configure">What to accept.</param>
    /// <param name="cancellationToken">Cancels the database part.</param>
    public static async Task<JournalRepairResult> RepairJournalAsync(
        this Infrastructure.DatabaseFacade database, Action<JournalRepairOptions> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new JournalRepairOptions();
        configure(options);
        var context = database.ContextOf();
        var compiled = CompiledMigrations(context);

        var changes = new List<string>();
        string? file = null;
        if (options.JournalFilePath is { } path)
        {
            var fileResult = JournalRepair.RepairFile(path, context.GetType().FullName ?? context.GetType().Name, compiled, DateTimeOffset.UtcNow);
            file = fileResult.FilePath;
            changes.AddRange(fileResult.Changes);
        }

        var store = new DatabaseJournalStore(context);
        foreach (var id in options.AcceptedMigrationIds)
        {
            var migration = compiled.FirstOrDefault(m => m.Id == id)
                ?? throw new InvalidOperationException($"Cannot accept '{id}': no such migration is compiled into {context.GetType().Name}'s migrations assembly. Check the id (dotnet ef migrations list).");
            if (!await store.AcceptChecksumAsync(id, migration.Checksum, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Cannot accept '{id}': the database journal has no row for it (it is not applied, or was applied by plain EF and is adopted on the next MigrateSafelyAsync).");
            }

            changes.Add($"accepted the edit of {id} in the database journal");
        }

        return new JournalRepairResult(file, changes);
    }

    internal static DbContext ContextOf(this Infrastructure.DatabaseFacade database)
        => ((IInfrastructure<IServiceProvider>)database).GetService<ICurrentDbContext>().Context;

    internal static IReadOnlyList<CompiledMigration> CompiledMigrations(DbContext context)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        var provider = context.Database.ProviderName;
        return JournalVerification.Compile(assembly.Migrations.Select(m => (m.Key, assembly.CreateMigration(m.Value, provider!))));
    }
}
