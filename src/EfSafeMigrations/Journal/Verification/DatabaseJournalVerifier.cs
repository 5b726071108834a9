using EfSafeMigrations.Execution;
using EfSafeMigrations.Journal.Database;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>
/// The database journal against the compiled migrations: an applied migration whose checksum changed,
/// an applied migration this application does not have, and migrations applied by plain EF (rows in
/// <c>__EFMigrationsHistory</c> without a journal row) to adopt. Pure: the caller reads and writes.
/// </summary>
internal static class DatabaseJournalVerifier
{
    public static (IReadOnlyList<JournalProblem> Problems, IReadOnlyList<(string Id, string? Checksum)> ToAdopt) Verify(
        IReadOnlyList<string> appliedIds, IReadOnlyList<DatabaseJournalRow> rows, IReadOnlyList<CompiledMigration> compiled)
    {
        var problems = new List<JournalProblem>();
        var adopt = new List<(string, string?)>();
        var byId = compiled.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var journal = rows.ToDictionary(r => r.MigrationId, StringComparer.Ordinal);

        foreach (var id in appliedIds)
        {
            byId.TryGetValue(id, out var migration);
            if (!journal.TryGetValue(id, out var row))
            {
                adopt.Add((id, migration?.Checksum));
            }
            else if (migration is not null && row.Checksum is { } recorded && !string.Equals(recorded, migration.Checksum, StringComparison.Ordinal))
            {
                problems.Add(new JournalProblem(JournalProblemCodes.AppliedEdited, PreflightSeverity.Error, id,
                    $"migration '{id}' was edited after it was applied to this database (checksum {Short(recorded)} applied, {Short(migration.Checksum)} now): "
                    + "the database does not have what the migration now says",
                    "Revert the edit and put the change in a new migration; or, if the database already matches the edited migration "
                    + $"(you changed it by hand), accept the edit with db.Database.RepairJournalAsync(o => o.AcceptedMigrationIds.Add(\"{id}\")) (docs/journal.md#repair)"));
            }

            if (migration is null)
            {
                problems.Add(new JournalProblem(JournalProblemCodes.AppliedUnknown, PreflightSeverity.Warning, id,
                    $"migration '{id}' is applied to this database but not compiled into this application (an older build, or a deleted migration)",
                    "Deploy the build that contains it; if it was deleted on purpose, restore it or remove its rows from __EFMigrationsHistory and the journal table"));
            }
        }

        var newestApplied = appliedIds.Where(byId.ContainsKey).Max(StringComparer.Ordinal);
        foreach (var late in compiled.Where(m => newestApplied is not null && !appliedIds.Contains(m.Id)
                                                 && StringComparer.Ordinal.Compare(m.Id, newestApplied) < 0))
        {
            problems.Add(new JournalProblem(JournalProblemCodes.OutOfOrder, PreflightSeverity.Warning, late.Id,
                $"migration '{late.Id}' is not applied yet but sorts before '{newestApplied}', which is (it came from a branch merged later); it will be applied now, by id",
                "Check it does not conflict with the migrations applied after its timestamp; if it must run last, remove it and add it again (a new id)"));
        }

        if (adopt.Count > 0)
        {
            problems.Add(new JournalProblem(JournalProblemCodes.Adopted, PreflightSeverity.Info, null,
                $"{adopt.Count} migration(s) applied without EfSafeMigrations (by plain EF) were adopted as a baseline: {string.Join(", ", adopt.Select(a => a.Item1))}",
                "Nothing to do: their current checksums are recorded and verified from now on"));
        }

        return (problems, adopt);
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
