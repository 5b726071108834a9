using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;

namespace EfSafeMigrations.EndToEndTests.Commands;

public class JournalRepairCommandTests
{
    [Test]
    public async Task Journal_repair_writes_the_journal_file_from_the_compiled_migrations()
    {
        var folder = Directory.CreateTempSubdirectory("esm-journal-").FullName;
        try
        {
            var human = (await SampleApp.RunAsync(SampleApp.UnreachableConnectionString(), "journal", "repair", "--file", folder)).ShouldSucceed();
            var again = (await SampleApp.RunAsync(SampleApp.UnreachableConnectionString(), "journal", "repair", "--file", folder, "--json")).ShouldSucceed();

            human.StandardOutput.Should().Contain("created the file").And.Contain("recorded ").And.Contain("_DropOldEmail");
            File.ReadAllText(Path.Combine(folder, "efsafe.journal.json")).Should().Contain("\"checksumAlgorithm\"");
            using var document = JsonDocument.Parse(again.StandardOutput);
            document.RootElement.GetProperty("changes").GetArrayLength().Should().Be(0, "the file already matches");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Journal_repair_without_anything_to_repair_is_a_usage_error()
    {
        var result = await SampleApp.RunAsync(SampleApp.UnreachableConnectionString(), "journal", "repair");
        var group = await SampleApp.RunAsync(SampleApp.UnreachableConnectionString(), "journal");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("needs --file <path>");
        group.ExitCode.Should().Be(2, group.ToString());
        group.StandardError.Should().Contain("'journal' needs a subcommand: journal repair");
    }
}
