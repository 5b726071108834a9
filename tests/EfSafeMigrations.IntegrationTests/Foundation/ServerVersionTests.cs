using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using EfSafeMigrations.ThrowawayPostgres.LocalCluster;

namespace EfSafeMigrations.IntegrationTests.Foundation;

/// <summary>
/// The version matrix runs what it says: build/test.sh starts this project once per PostgreSQL major with
/// EFSAFEMIGRATIONS_PG_BIN pointing at that major's binaries, and the throwaway cluster must be that major.
/// </summary>
public partial class ServerVersionTests
{
    [Test]
    public async Task The_throwaway_cluster_runs_the_major_the_run_asked_for()
    {
        if (PostgresTestServer.Server.Source != PostgresServerSource.LocalBinaries)
        {
            Assert.Ignore($"This run's server was not started from local binaries ({PostgresTestServer.Server.Description}).");
        }

        var binaries = PostgresBinaries.Find(Environment.GetEnvironmentVariable)!;
        var requested = Environment.GetEnvironmentVariable(ServerVersion.ExpectedMajorVariable) is { Length: > 0 } named
            ? int.Parse(named, CultureInfo.InvariantCulture)
            : await MajorOfBinariesAsync(binaries.Directory);
        if (Environment.GetEnvironmentVariable(PostgresBinaries.BinDirectoryVariable) is { Length: > 0 } configured)
        {
            Path.GetFullPath(binaries.Directory).TrimEnd('/').Should().Be(Path.GetFullPath(configured).TrimEnd('/'), $"${PostgresBinaries.BinDirectoryVariable} comes first");
        }

        (await ServerVersion.MajorAsync()).Should().Be(requested, "server_version_num of the running server is the major its binaries were chosen for");
        PostgresTestServer.Server.Description.Should().Contain($"PostgreSQL {requested}.");
    }

    [Test]
    public void The_binaries_folder_variable_wins_over_PATH_and_the_Debian_folders()
    {
        var folder = Directory.CreateTempSubdirectory("esm-pg-bin-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "initdb"), "");
            File.WriteAllText(Path.Combine(folder.FullName, "pg_ctl"), "");
            var variables = new Dictionary<string, string?>
            {
                [PostgresBinaries.BinDirectoryVariable] = folder.FullName,
                ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
            };

            PostgresBinaries.Find(name => variables.GetValueOrDefault(name))!.Directory.Should().Be(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // `postgres --version` prints e.g. "postgres (PostgreSQL) 18.4".
    private static async Task<int> MajorOfBinariesAsync(string binDirectory)
    {
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(binDirectory, "postgres"), "--version")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return int.Parse(VersionPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\(PostgreSQL\) (\d+)")]
    private static partial Regex VersionPattern();
}
