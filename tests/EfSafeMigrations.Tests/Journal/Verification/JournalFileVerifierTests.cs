using EfSafeMigrations.Journal.File;
using EfSafeMigrations.Journal.Verification;

namespace EfSafeMigrations.Tests.Journal.Verification;

public class JournalFileVerifierTests
{
    private const string Context = "Shop.ShopContext";
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CompiledMigration Compiled(string id, char checksum) => new(id, CompiledMigration.NameOf(id), new string(checksum, 64), false, []);

    private static readonly CompiledMigration A = Compiled("20260101000000_A", 'a');
    private static readonly CompiledMigration B = Compiled("20260102000000_B", 'b');
    private static readonly CompiledMigration C = Compiled("20260103000000_C", 'c');

    private static MigrationJournal JournalOf(params CompiledMigration[] migrations)
        => migrations.Aggregate(MigrationJournal.Empty(Context), (j, m) => j.Append(m.Id, m.Name, Created, false, [], m.Checksum));

    /// <summary>Written and read back, as verification sees a real file (stored hash, line numbers).</summary>
    private static MigrationJournal Roundtrip(MigrationJournal journal)
        => JournalFileReader.Read("efsafe.journal.json", System.Text.Encoding.UTF8.GetBytes(JournalFileWriter.Write(journal)));

    private static IReadOnlyList<JournalProblem> Verify(MigrationJournal journal, params CompiledMigration[] compiled)
        => JournalFileVerifier.Verify("efsafe.journal.json", journal, Context, compiled);

    [Test]
    public void A_journal_that_matches_the_compiled_migrations_has_no_problem()
        => Verify(Roundtrip(JournalOf(A, B, C)), A, B, C).Should().BeEmpty();

    [Test]
    public void An_edited_migration_is_named()
    {
        var problems = Verify(Roundtrip(JournalOf(A, B)), A, B with { Checksum = new string('x', 64) });

        problems.Should().ContainSingle().Which.Should().Match<JournalProblem>(p =>
            p.Code == JournalProblemCodes.Edited && p.MigrationId == B.Id && p.Message.Contains("'20260102000000_B' was edited"));
    }

    [Test]
    public void A_deleted_migration_is_an_unknown_entry()
        => Verify(Roundtrip(JournalOf(A, B, C)), A, C).Should().ContainSingle()
            .Which.Should().Match<JournalProblem>(p => p.Code == JournalProblemCodes.UnknownEntry && p.MigrationId == B.Id);

    [Test]
    public void A_migration_added_without_dotnet_ef_is_a_missing_entry()
        => Verify(Roundtrip(JournalOf(A, B)), A, B, C).Should().ContainSingle()
            .Which.Should().Match<JournalProblem>(p => p.Code == JournalProblemCodes.MissingEntry && p.MigrationId == C.Id);

    [Test]
    public void Two_branches_that_both_added_a_migration_are_detected_after_the_merge()
    {
        // Both branches start from A; one adds B, the other C; the merge keeps both entries.
        var branchB = JournalOf(A, B);
        var branchC = JournalOf(A, C);
        var merged = new MigrationJournal(Context, branchB.ChecksumAlgorithm, [.. branchB.Entries, branchC.Entries[1]], branchB.ComputeHash());

        var problems = Verify(Roundtrip(merged), A, B, C);

        problems.Should().ContainSingle().Which.Should().Match<JournalProblem>(p =>
            p.Code == JournalProblemCodes.BranchesMerged && p.MigrationId == C.Id
            && p.Message.Contains("'20260102000000_B' and '20260103000000_C' were both added on top of '20260101000000_A'"));
    }

    [Test]
    public void Re_ordered_entries_are_detected()
    {
        var swapped = JournalOf(A, C, B);

        var problems = Verify(Roundtrip(swapped), A, B, C);

        problems.Select(p => p.Code).Should().Equal(JournalProblemCodes.Reordered);
        problems[0].MigrationId.Should().Be(C.Id);
    }

    [Test]
    public void A_hand_edited_entry_breaks_the_chain()
    {
        var journal = JournalOf(A, B, C);
        var edited = journal with { Entries = [journal.Entries[0], journal.Entries[1] with { Checksum = new string('x', 64) }, journal.Entries[2]] };

        Verify(Roundtrip(edited), A, B, C).Select(p => p.Code)
            .Should().Contain(JournalProblemCodes.ChainBroken).And.Contain(JournalProblemCodes.Edited);
    }

    [Test]
    public void A_hand_edited_field_outside_the_chain_fails_the_file_hash()
    {
        var text = JournalFileWriter.Write(JournalOf(A, B)).Replace("\"nonTransactional\": false", "\"nonTransactional\": true", StringComparison.Ordinal);
        var journal = JournalFileReader.Read("efsafe.journal.json", System.Text.Encoding.UTF8.GetBytes(text));

        Verify(journal, A, B).Select(p => p.Code).Should().Equal(JournalProblemCodes.FileHashMismatch);
    }

    [Test]
    public void Another_contexts_journal_is_refused()
        => JournalFileVerifier.Verify("j", JournalOf(A), "Other.Context", [A]).Single().Code.Should().Be(JournalProblemCodes.ContextMismatch);

    [Test]
    public void Rechaining_accepts_the_current_state()
    {
        var journal = JournalOf(A, C, B) with { };
        var repaired = new MigrationJournal(Context, journal.ChecksumAlgorithm, [.. journal.Entries.OrderBy(e => e.Id, StringComparer.Ordinal)]).Rechained();

        Verify(Roundtrip(repaired), A, B, C).Should().BeEmpty();
    }
}

public class JournalAssuranceTests
{
    [Test]
    public void Assurances_added_after_scaffolding_are_information_only()
    {
        var compiled = new CompiledMigration("20260101000000_A", "A", new string('a', 64), false, ["ESM0018"]);
        var journal = MigrationJournal.Empty("C").Append(compiled.Id, compiled.Name, DateTimeOffset.UnixEpoch, false, [], compiled.Checksum);

        var problems = JournalFileVerifier.Verify("j", journal, "C", [compiled]);

        problems.Should().ContainSingle().Which.Should().Match<JournalProblem>(p =>
            p.Code == JournalProblemCodes.AssurancesChanged && p.Severity == EfSafeMigrations.Execution.PreflightSeverity.Info);
    }
}

public class DatabaseJournalVerifierTests
{
    private static CompiledMigration Compiled(string id, char checksum) => new(id, CompiledMigration.NameOf(id), new string(checksum, 64), false, []);

    [Test]
    public void A_pending_migration_that_sorts_before_an_applied_one_is_applied_by_id_with_a_warning()
    {
        var a = Compiled("20260101000000_A", 'a');
        var b = Compiled("20260102000000_B", 'b');
        var c = Compiled("20260103000000_C", 'c');
        var rows = new[] { a, c }.Select(m => new EfSafeMigrations.Journal.Database.DatabaseJournalRow(m.Id, m.Checksum, "applied")).ToList();

        var (problems, adopt) = DatabaseJournalVerifier.Verify([a.Id, c.Id], rows, [a, b, c]);

        adopt.Should().BeEmpty();
        problems.Should().ContainSingle().Which.Should().Match<JournalProblem>(p =>
            p.Code == JournalProblemCodes.OutOfOrder && p.MigrationId == b.Id && p.Severity == EfSafeMigrations.Execution.PreflightSeverity.Warning);
    }

    [Test]
    public void An_applied_migration_whose_checksum_changed_is_an_error_naming_it()
    {
        var a = Compiled("20260101000000_A", 'a');
        var (problems, _) = DatabaseJournalVerifier.Verify([a.Id], [new(a.Id, new string('z', 64), "applied")], [a]);

        problems.Should().ContainSingle().Which.Should().Match<JournalProblem>(p =>
            p.Code == JournalProblemCodes.AppliedEdited && p.Message.Contains("'20260101000000_A' was edited after it was applied"));
    }
}
