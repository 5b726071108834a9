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
        for (var step = 1; step <= 10; step++)
        {
            output.Should().Contain($"── {step}/10  ");
        }

        output.Should().Contain("Done: 2 applied, 0 reverted", "the first two releases are applied")
            .And.Contain("2 applied, 3 pending, 1 deferred to post-deployment", "status shows what is waiting, the contract for after the rollout")
            .And.Contain("0 error(s), 0 warning(s), 1 info, 2 rewritten, 1 assured.", "the lint report lists rewrites, assurances and notes")
            .And.MatchRegex(@"info\s+ESM0046 \d+_AddEmailAddress", "the unique index is noted: the data preflight checks its duplicates")
            .And.MatchRegex(@"assured\s+ESM0018 \d+_DropName", "the drop of name is assured")
            .And.NotMatchRegex(@"ESM00\d\d \d+_DropOldEmail", "the contract's drop is planned, not a finding")
            .And.Contain("-- step 2 (outside a transaction)", "the plan says which steps run outside a transaction")
            .And.Contain("CREATE TRIGGER esm_x_", "the plan shows the expand's sync trigger")
            .And.Contain("CREATE UNIQUE INDEX CONCURRENTLY ix_users_email_address", "indexes on existing tables are built concurrently")
            .And.MatchRegex(@"applied  \d+_SplitName\s+\d+(\.\d)? (ms|s)", "start-up applies the pre-deployment migrations, with timings")
            .And.MatchRegex(@"applied  \d+_AddEmailAddress\s", "the expand is applied at start-up")
            .And.MatchRegex(@"deferred \d+_DropOldEmail", "the contract waits for the rollout")
            .And.MatchRegex(@"old version  INSERT email\s+= 'grace@old.example'\s+->  email_address reads 'grace@old.example'", "an old-version write reaches the new column")
            .And.MatchRegex(@"new version  INSERT email_address = 'ada@new.example'\s+->  email\s+reads 'ada@new.example'", "a new-version write reaches the old column")
            .And.Contain("20,002 users, 0 where email and email_address differ.", "the backfill and the trigger leave no row divergent")
            .And.Contain("rename column users.email to email_address  (expanded by", "status lists the open expansion")
            .And.Contain("5 applied, 0 pending, 1 deferred to post-deployment")
            .And.MatchRegex(@"applied  \d+_DropOldEmail", "'migrate --post-deployment' applies the contract")
            .And.Contain("ALTER TABLE users DROP COLUMN email;")
            .And.Contain("6 applied, 0 pending.")
            .And.Contain("No drift: the journal, the migrations, the model snapshot, the model and the database agree.")
            .And.EndWith("Done. Run 'dotnet run --project samples/EfSafeMigrations.Sample -- help' for every command." + Environment.NewLine);
        result.Output.Should().NotContain("Unhandled exception").And.NotContain("   at ", "no stack trace reaches the user")
            .And.NotContain("\u001b[", "NO_COLOR is honoured").And.NotContain("not available")
            .And.NotContain("DRIFT_BASIC", "the tour's check builds a shadow database on the throwaway server for the full comparison");
    }
}
