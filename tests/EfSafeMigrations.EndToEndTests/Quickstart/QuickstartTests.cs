using EfSafeMigrations.EndToEndTests.Infrastructure;

namespace EfSafeMigrations.EndToEndTests.Quickstart;

/// <summary>
/// The README's quickstart, exactly as a user types it on a fresh clone: one script, no server running, no
/// connection string. It builds the sample inside the repository, so it holds the repository build gate while it
/// runs (a concurrent pack writes the same obj/ folders); other tests go on meanwhile.
/// </summary>
public class QuickstartTests
{
    [Test]
    public async Task The_quickstart_runs_the_tour_on_a_throwaway_server_and_reads_well()
    {
        CommandResult result;
        await RepositoryBuild.Gate.WaitAsync();
        try
        {
            result = await CommandRunner.RunAsync(RepositoryPaths.Root, Path.Combine(RepositoryPaths.Root, "build", "quickstart.sh"), [],
                new Dictionary<string, string?> { [SampleApp.ConnectionStringVariable] = null }, TimeSpan.FromMinutes(8));
        }
        finally
        {
            RepositoryBuild.Gate.Release();
        }

        result.ShouldSucceed();
        var output = result.StandardOutput;
        result.StandardError.Should().Contain("starting a throwaway PostgreSQL");
        output.Should().Contain("EfSafeMigrations sample: the Solo Kit users table, six migrations");
        for (var step = 1; step <= 7; step++)
        {
            output.Should().Contain($"── {step}/7  ");
        }

        output.Should().Contain("Done: 2 applied, 0 reverted", "the first two releases are applied")
            .And.Contain("2 applied, 4 pending.", "status shows what is waiting")
            .And.Contain("0 error(s), 0 warning(s), 1 info, 4 rewritten, 2 assured.", "the lint report lists rewrites, assurances and notes")
            .And.MatchRegex(@"info\s+ESM0046 \d+_AddEmailAddress", "the unique index is noted: the data preflight checks its duplicates")
            .And.MatchRegex(@"assured\s+ESM0018 \d+_DropOldEmail", "the contract migrations are assured")
            .And.Contain("-- step 2 (outside a transaction)", "the plan says which steps run outside a transaction")
            .And.Contain("CREATE UNIQUE INDEX CONCURRENTLY ix_users_email_address", "indexes on existing tables are built concurrently")
            .And.Contain("Done: 4 applied, 0 reverted", "the rest is applied safely")
            .And.MatchRegex(@"applied  \d+_SplitName\s+\d+(\.\d)? (ms|s)", "timings are shown")
            .And.Contain("6 applied, 0 pending.")
            .And.Contain("No drift: the journal, the migrations, the model snapshot, the model and the database agree.")
            .And.EndWith("Done. Run 'dotnet run --project samples/EfSafeMigrations.Sample -- help' for every command." + Environment.NewLine);
        result.Output.Should().NotContain("Unhandled exception").And.NotContain("   at ", "no stack trace reaches the user")
            .And.NotContain("\u001b[", "NO_COLOR is honoured").And.NotContain("not available")
            .And.NotContain("DRIFT_BASIC", "the tour's check builds a shadow database on the throwaway server for the full comparison");
    }
}
