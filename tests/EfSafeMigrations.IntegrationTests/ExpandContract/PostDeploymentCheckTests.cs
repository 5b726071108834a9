using EfSafeMigrations.IntegrationTests.Models.Phases;
using Microsoft.EntityFrameworkCore;
using static EfSafeMigrations.IntegrationTests.SafeApply.Journal;

namespace EfSafeMigrations.IntegrationTests.ExpandContract;

/// <summary>
/// Check between the deployment and the post-deployment run: what waits (a post-deployment drop) and what an open expansion keeps
/// is information, not drift; a change made by hand still is drift.
/// </summary>
public class PostDeploymentCheckTests
{
    // The fixture's migrations are hand-written without a model snapshot, so the model part is left out.
    private static void Options(CheckOptions o)
    {
        o.Journal = false;
        o.PendingModelChanges = false;
        o.ShadowConnectionString = PostgresTestServer.Server.AdminConnectionString;
    }

    [Test]
    public async Task A_column_a_waiting_post_deployment_migration_drops_is_information_and_a_column_added_by_hand_is_still_drift()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PostDeploymentPhaseTests.AtFirstReleaseAsync(database.ConnectionString);
        await using var context = PhasesDbContext.Create(database.ConnectionString);
        await context.Database.MigrateSafelyAsync();

        var result = await context.Database.CheckAsync(Options);

        result.Success.Should().BeTrue(string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Severity} {f.Subject}: {f.Message}")));
        result.Findings.Should().ContainSingle(f => f.Code == "DRIFT_AWAITING_POST_DEPLOYMENT")
            .Which.Subject.Should().Be("public.accounts.legacy_code");
        result.Findings.Should().ContainSingle(f => f.Code == "PENDING_POST_DEPLOYMENT").Which.Subject.Should().Be(DropLegacyCode.Id);
        result.Findings.Should().NotContain(f => f.Code == "DRIFT_SKIPPED");

        await ExecuteAsync(database.ConnectionString, "ALTER TABLE accounts ADD COLUMN by_hand text");
        var drifted = await context.Database.CheckAsync(Options);
        drifted.Outcome.Should().Be(CheckOutcome.DatabaseDrift);
        drifted.Findings.Should().Contain(f => f.Subject == "public.accounts.by_hand" && f.Severity == CheckSeverity.Error);
    }

    [Test]
    public async Task An_expanded_database_waiting_for_its_contract_is_not_drift_and_status_names_the_open_expansions()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var deployment = ExpandedDbContext.For(database.ConnectionString))
        {
            await deployment.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ExpandedDbContext.Create });
            (await deployment.Database.MigrateSafelyAsync()).DeferredMigrations.Should().Equal(ExpandedDbContext.Contract);
        }

        await using var context = ExpandedDbContext.For(database.ConnectionString);
        var expanded = await context.Database.CheckAsync(Options);

        expanded.Success.Should().BeTrue(Describe(expanded));
        expanded.Findings.Where(f => f.Code == "DRIFT_OPEN_EXPANSION").Select(f => f.Subject).Should()
            .Contain(["public.members.email", "public.members.country", "public.members.legacy", "public.ix_members_email"], Describe(expanded));
        expanded.Findings.Should().Contain(f => f.Code == "DRIFT_OPEN_EXPANSION" && f.Subject!.Contains("esm_x_"), "the old-writes counter");
        var status = await context.Database.GetPostDeploymentStatusAsync();
        status.Waiting.Should().Equal(ExpandedDbContext.Contract);
        status.OpenExpansions.Select(o => $"{o.MigrationId}: {o.Description}").Should().Equal(
            $"{ExpandedDbContext.Expand}: rename column members.email to email_address",
            $"{ExpandedDbContext.Expand}: make column members.country required",
            $"{ExpandedDbContext.Expand}: retire column members.legacy");

        await using (var afterRollout = ExpandedDbContext.For(database.ConnectionString, postDeployment: true))
        {
            (await afterRollout.Database.MigrateSafelyAsync()).AppliedMigrations.Should().Equal(ExpandedDbContext.Contract);
        }

        var contracted = await context.Database.CheckAsync(Options);
        contracted.Success.Should().BeTrue(Describe(contracted));
        contracted.Findings.Should().NotContain(f => f.Code == "DRIFT_OPEN_EXPANSION" || f.Code.StartsWith("PENDING", StringComparison.Ordinal));
        (await context.Database.GetPostDeploymentStatusAsync()).OpenExpansions.Should().BeEmpty();
    }

    private static string Describe(CheckResult result)
        => string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Severity} {f.Subject}: {f.Message}"));
}
