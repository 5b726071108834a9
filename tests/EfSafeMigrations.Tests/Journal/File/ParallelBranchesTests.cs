using System.Diagnostics;
using EfSafeMigrations.Journal.File;

namespace EfSafeMigrations.Tests.Journal.File;

/// <summary>Two branches that each add a migration cannot merge their journal files silently.</summary>
public class ParallelBranchesTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Git_reports_a_conflict_and_the_reader_names_it()
    {
        var folder = Directory.CreateTempSubdirectory("esm-git-").FullName;
        try
        {
            var path = Path.Combine(folder, MigrationJournalFile.FileName);
            var start = MigrationJournal.Empty("Shop.ShopContext").Append("20260101000000_A", "A", Created, false, [], new string('a', 64));
            Git(folder, "init", "-q", "-b", "main");
            JournalFileWriter.Save(path, start);
            Git(folder, "add", ".");
            Git(folder, "commit", "-q", "-m", "A");

            Git(folder, "checkout", "-q", "-b", "feature-b");
            JournalFileWriter.Save(path, start.Append("20260102000000_B", "B", Created, false, [], new string('b', 64)));
            Git(folder, "commit", "-q", "-am", "B");

            Git(folder, "checkout", "-q", "main");
            Git(folder, "checkout", "-q", "-b", "feature-c");
            JournalFileWriter.Save(path, start.Append("20260103000000_C", "C", Created, false, [], new string('c', 64)));
            Git(folder, "commit", "-q", "-am", "C");

            var merge = Git(folder, allowFailure: true, "merge", "-q", "feature-b");

            merge.ExitCode.Should().NotBe(0, "both branches changed the hash line and appended after the same entry");
            FluentActions.Invoking(() => JournalFileReader.ReadFile(path))
                .Should().Throw<MigrationJournalException>().Which.Problem.Should().Contain("merge conflict");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Git(string folder, params string[] arguments) => Git(folder, false, arguments);

    private static (int ExitCode, string Output) Git(string folder, bool allowFailure, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-c", "user.name=test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (!allowFailure && process.ExitCode != 0)
        {
            Assert.Fail($"git {string.Join(' ', arguments)} failed: {output}");
        }

        return (process.ExitCode, output);
    }
}
