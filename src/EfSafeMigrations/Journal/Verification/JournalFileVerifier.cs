using EfSafeMigrations.Execution;
using EfSafeMigrations.Journal.Checksums;
using EfSafeMigrations.Journal.File;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>
/// The journal file against the compiled migrations: a broken or merged hash chain, a hand-edited
/// file, missing, extra, re-ordered and edited migrations. Pure: no I/O.
/// </summary>
internal static class JournalFileVerifier
{
    private const string RepairFix = "run RepairJournalFile (docs/journal.md#repair)";

    public static IReadOnlyList<JournalProblem> Verify(string source, MigrationJournal journal, string contextName, IReadOnlyList<CompiledMigration> compiled)
    {
        var problems = new List<JournalProblem>();
        if (!string.Equals(journal.Context, contextName, StringComparison.Ordinal))
        {
            problems.Add(Error(JournalProblemCodes.ContextMismatch, null,
                $"{source} is the journal of context '{journal.Context}', not of '{contextName}'",
                "Give each context its own migrations folder (dotnet ef migrations add --output-dir), or point JournalOptions.FilePath at this context's journal"));
            return problems;
        }

        if (!string.Equals(journal.ChecksumAlgorithm, CanonicalOperationWriter.Version, StringComparison.Ordinal))
        {
            problems.Add(Error(JournalProblemCodes.AlgorithmChanged, null,
                $"{source} holds checksums of form '{journal.ChecksumAlgorithm}'; this EfSafeMigrations computes '{CanonicalOperationWriter.Version}'",
                $"After checking no migration was edited, {RepairFix} to recompute the checksums"));
            return problems;
        }

        var chainIntact = VerifyChain(source, journal, problems);
        if (chainIntact && journal.StoredHash is { } stored && !string.Equals(stored, journal.ComputeHash(), StringComparison.Ordinal))
        {
            problems.Add(Error(JournalProblemCodes.FileHashMismatch, null,
                $"{source} was edited by hand: its hash does not match its content",
                $"Restore it from version control, or {RepairFix} to rebuild it from the compiled migrations"));
        }

        CompareWithCompiled(source, journal, compiled, problems);
        return problems;
    }

    private static bool VerifyChain(string source, MigrationJournal journal, List<JournalProblem> problems)
    {
        var intact = true;
        var previous = "";
        for (var position = 0; position < journal.Entries.Count; position++)
        {
            var entry = journal.Entries[position];
            var expected = MigrationJournal.ChainOf(previous, position, entry.Id, entry.Checksum);
            if (entry.Index != position || !string.Equals(entry.Chain, expected, StringComparison.Ordinal))
            {
                intact = false;
                problems.Add(ChainProblem(source, journal, position, entry));
            }

            previous = entry.Chain;
        }

        return intact;
    }

    private static JournalProblem ChainProblem(string source, MigrationJournal journal, int position, JournalEntry entry)
    {
        // A branch's entry chained at an earlier position: the other branch's entry holds that place now.
        if (entry.Index >= 0 && entry.Index < position)
        {
            var basePrevious = entry.Index == 0 ? "" : journal.Entries[entry.Index - 1].Chain;
            var other = journal.Entries[entry.Index];
            if (string.Equals(entry.Chain, MigrationJournal.ChainOf(basePrevious, entry.Index, entry.Id, entry.Checksum), StringComparison.Ordinal))
            {
                var onTopOf = entry.Index == 0 ? "the start of the journal" : $"'{journal.Entries[entry.Index - 1].Id}'";
                return Error(JournalProblemCodes.BranchesMerged, entry.Id,
                    $"{source}{At(entry)}: migrations '{other.Id}' and '{entry.Id}' were both added on top of {onTopOf} in parallel branches, and a merge kept both",
                    $"If '{entry.Id}' was not applied to a shared database yet, remove it (dotnet ef migrations remove, on its branch) and add it again on top of '{other.Id}'; "
                    + $"if both are independent and may run in id order, {RepairFix} to re-chain the journal");
            }
        }

        return Error(JournalProblemCodes.ChainBroken, entry.Id,
            $"{source}{At(entry)}: the entry of '{entry.Id}' does not chain onto the entries before it (entries were edited, re-ordered or merged by hand)",
            $"Restore the file from version control, or {RepairFix} to rebuild the chain from the compiled migrations");
    }

    private static void CompareWithCompiled(string source, MigrationJournal journal, IReadOnlyList<CompiledMigration> compiled, List<JournalProblem> problems)
    {
        var byId = compiled.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var entries = journal.Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);

        foreach (var migration in compiled.Where(m => !entries.ContainsKey(m.Id)))
        {
            problems.Add(Error(JournalProblemCodes.MissingEntry, migration.Id,
                $"migration '{migration.Id}' is compiled but not recorded in {source}: it was added without dotnet ef migrations add (or with EfSafeMigrations' design-time services off), or the journal lost its entry in a merge",
                $"Check the migration is intended, then {RepairFix} to record it"));
        }

        foreach (var entry in journal.Entries.Where(e => !byId.ContainsKey(e.Id)))
        {
            problems.Add(Error(JournalProblemCodes.UnknownEntry, entry.Id,
                $"{source}{At(entry)} records migration '{entry.Id}', which is not compiled: it was deleted or renamed without dotnet ef migrations remove",
                $"Restore the migration; or, if it was never applied to a shared database, {RepairFix} to drop its entry"));
        }

        var fileOrder = journal.Entries.Where(e => byId.ContainsKey(e.Id)).Select(e => e.Id).ToList();
        var compiledOrder = compiled.Where(m => entries.ContainsKey(m.Id)).Select(m => m.Id).ToList();
        var firstDifference = Enumerable.Range(0, fileOrder.Count).FirstOrDefault(i => fileOrder[i] != compiledOrder[i], -1);
        if (firstDifference >= 0)
        {
            var misplaced = entries[fileOrder[firstDifference]];
            problems.Add(Error(JournalProblemCodes.Reordered, misplaced.Id,
                $"{source}{At(misplaced)} records '{misplaced.Id}' where the migrations' id order has '{compiledOrder[firstDifference]}': the journal's order is not the order migrations run in",
                $"Restore the file's order from version control, or {RepairFix} to rewrite it in id order"));
        }

        foreach (var migration in compiled)
        {
            if (entries.TryGetValue(migration.Id, out var entry) && !string.Equals(entry.Checksum, migration.Checksum, StringComparison.Ordinal))
            {
                problems.Add(Error(JournalProblemCodes.Edited, migration.Id,
                    $"migration '{migration.Id}' was edited after it was recorded in {source}{At(entry)} (checksum {Short(entry.Checksum)} recorded, {Short(migration.Checksum)} now)",
                    $"Revert the edit and put the change in a new migration; or, if the edit is intended and the migration was never applied to a shared database, {RepairFix} to accept it"));
            }

            if (entry is not null && !entry.AssuredRules.SequenceEqual(migration.AssuredRules, StringComparer.Ordinal))
            {
                problems.Add(new JournalProblem(JournalProblemCodes.AssurancesChanged, PreflightSeverity.Info, migration.Id,
                    $"migration '{migration.Id}' assures [{string.Join(", ", migration.AssuredRules)}] but {source}{At(entry)} records [{string.Join(", ", entry.AssuredRules)}]",
                    "Nothing blocks; the next dotnet ef migrations add (or RepairJournalFile) records the current assurances"));
            }
        }
    }

    private static string At(JournalEntry entry) => entry.Line > 0 ? $"({entry.Line})" : "";

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;

    private static JournalProblem Error(string code, string? migrationId, string message, string fix)
        => new(code, PreflightSeverity.Error, migrationId, message, fix);
}
