using System.Text;
using EfSafeMigrations.Journal.File;

namespace EfSafeMigrations.Tests.Journal.File;

public class JournalFileFormatTests
{
    internal static MigrationJournal TwoEntries() => MigrationJournal.Empty("Shop.ShopContext")
        .Append("20260101000000_Init", "Init", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), false, [], new string('a', 64))
        .Append("20260102000000_AddIndex", "AddIndex", new DateTimeOffset(2026, 1, 2, 0, 0, 0, 500, TimeSpan.Zero), true, ["ESM0002", "ESM0001"], new string('b', 64));

    [Test]
    public void The_file_is_deterministic_lf_terminated_json_with_the_hash_near_the_top()
    {
        var text = JournalFileWriter.Write(TwoEntries());

        text.Should().Be(JournalFileWriter.Write(TwoEntries())).And.EndWith("}\n").And.NotContain("\r");
        text.Split('\n')[2].Should().StartWith("  \"hash\": \"");
        text.Should().Contain("\"created\": \"2026-01-02T00:00:00Z\"").And.Contain("\"ESM0001\",\n        \"ESM0002\"");
    }

    [Test]
    public void What_is_written_reads_back_the_same()
    {
        var journal = TwoEntries();
        var read = JournalFileReader.Read("efsafe.journal.json", Encoding.UTF8.GetBytes(JournalFileWriter.Write(journal)));

        read.StoredHash.Should().Be(journal.ComputeHash());
        read.Entries.Select(e => e with { Line = 0 }).Should().BeEquivalentTo(journal.Entries, o => o.WithStrictOrdering());
        read.Entries[1].Line.Should().BeGreaterThan(read.Entries[0].Line);
    }

    [TestCase("{ \"formatVersion\": 1, ", "not valid JSON", 1)]
    [TestCase("[]", "expected an object", 1)]
    [TestCase("{\n \"formatVersion\": 9 }", "newer than this EfSafeMigrations", 2)]
    [TestCase("{\n \"formatVersion\": 1,\n \"context\": \"C\" }", "the field 'hash' is missing", 1)]
    public void Malformed_files_name_the_file_the_line_and_the_problem(string content, string problem, int line)
    {
        var read = () => JournalFileReader.Read("Migrations/efsafe.journal.json", Encoding.UTF8.GetBytes(content));

        var error = read.Should().Throw<MigrationJournalException>().Which;
        error.Message.Should().StartWith("Migrations/efsafe.journal.json").And.Contain(problem);
        error.Line.Should().Be(line);
        error.Fix.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void A_mistyped_field_is_reported_at_its_line_and_path()
    {
        var text = JournalFileWriter.Write(TwoEntries()).Replace("\"nonTransactional\": true", "\"nonTransactional\": \"yes\"", StringComparison.Ordinal);
        var line = text[..text.IndexOf("\"yes\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = FluentActions.Invoking(() => JournalFileReader.Read("j.json", Encoding.UTF8.GetBytes(text)))
            .Should().Throw<MigrationJournalException>().Which;

        error.JsonPath.Should().Be("$.entries[1].nonTransactional");
        error.Line.Should().Be(line);
    }

    [Test]
    public void Unresolved_merge_conflict_markers_are_named_as_such()
    {
        var text = JournalFileWriter.Write(TwoEntries());
        var lines = text.Split('\n').ToList();
        lines.Insert(2, "<<<<<<< HEAD");
        lines.Insert(4, "=======");
        lines.Insert(5, "  \"hash\": \"other\",");
        lines.Insert(6, ">>>>>>> feature");

        var error = FluentActions.Invoking(() => JournalFileReader.Read("j.json", Encoding.UTF8.GetBytes(string.Join('\n', lines))))
            .Should().Throw<MigrationJournalException>().Which;

        error.Line.Should().Be(3);
        error.Problem.Should().Contain("merge conflict");
    }

    [Test]
    public void A_duplicated_entry_is_reported()
    {
        var text = JournalFileWriter.Write(TwoEntries()).Replace("20260102000000_AddIndex", "20260101000000_Init", StringComparison.Ordinal);

        FluentActions.Invoking(() => JournalFileReader.Read("j.json", Encoding.UTF8.GetBytes(text)))
            .Should().Throw<MigrationJournalException>().WithMessage("*listed twice*");
    }
}
