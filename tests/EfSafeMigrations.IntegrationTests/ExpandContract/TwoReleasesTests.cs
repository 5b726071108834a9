using EfSafeMigrations.IntegrationTests.Models.ExpandContract;
using Microsoft.EntityFrameworkCore;
using static EfSafeMigrations.IntegrationTests.Backfills.BackfillDatabase;

namespace EfSafeMigrations.IntegrationTests.ExpandContract;

/// <summary>
/// The expand window as production lives it: release 1 of the application keeps writing while the expand runs, release 2
/// starts beside it, both write the same rows concurrently through their own models (users.email vs email_address, integer
/// cents vs numeric price, optional vs required country, customers vs clients); then either the contract (release 1 gone)
/// or the undo (release 2 rolled back). Nothing either version wrote may be lost or read differently by the other.
/// </summary>
public class TwoReleasesTests
{
    private const int WritersPerRelease = 3;
    private const int Release2OperationsPerWriter = 100;
    private const int Release1OperationsAfterRelease2 = 40;

    [Test]
    public async Task Both_releases_write_concurrently_through_the_expand_and_each_reads_every_value_the_other_wrote_then_the_contract_leaves_release_2_working()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var workload = await RunBothReleasesAsync(database.ConnectionString);

        await AssertColumnsAgreeAsync(database.ConnectionString);
        var release1 = await ReadAllAsync(Release1Context.Version, database.ConnectionString);
        var release2 = await ReadAllAsync(Release2Context.Version, database.ConnectionString);
        foreach (var change in Enum.GetValues<ReleaseChange>())
        {
            release1[change].Should().Contain(workload.Expected(change), $"release 1 reads every {change} value either release wrote");
            release2[change].Should().Contain(workload.Expected(change), $"release 2 reads every {change} value either release wrote");
            release2[change].Should().Equal(release1[change], $"both releases read the same {change} rows, the contested ones too");
        }

        release2[ReleaseChange.Required].Values.Should().NotContainNulls("release 2 maps the country as required");

        await using (var context = ReleaseMigrationsContext.Create(database.ConnectionString, ContractNow))
        {
            (await context.Database.MigrateSafelyAsync()).AppliedMigrations.Should().Equal(ReleaseIds.Contract);
        }

        (await ColumnAsync(database.ConnectionString, """
            SELECT table_name || '.' || column_name || ' ' || is_nullable FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name IN ('users', 'orders', 'profiles', 'clients', 'customers') AND column_name <> 'id'
            ORDER BY 1
            """)).Should().Equal("clients.name NO", "orders.price YES", "profiles.country NO", "users.email_address YES");
        (await ColumnAsync(database.ConnectionString, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).Should().BeEmpty("the contract drops the sync triggers");
        (await ColumnAsync(database.ConnectionString, "SELECT viewname FROM pg_views WHERE schemaname = current_schema()")).Should().BeEmpty();

        var afterContract = await ReadAllAsync(Release2Context.Version, database.ConnectionString);
        afterContract.Should().BeEquivalentTo(release2, "the contract keeps every value release 2 reads");
        foreach (var change in Enum.GetValues<ReleaseChange>())
        {
            var map = Release2Context.Version.Rows[change];
            await using var db = Release2Context.Version.Open(database.ConnectionString);
            var id = await map.InsertAsync(db, change == ReleaseChange.TypeChange ? "4321" : "after contract");
            await map.UpdateAsync(db, id, change == ReleaseChange.TypeChange ? "1234" : "updated after contract");
            (await map.ReadAllAsync(db))[id].Should().Be(change == ReleaseChange.TypeChange ? "1234" : "updated after contract");
        }
    }

    [Test]
    public async Task Undoing_the_expand_after_both_releases_wrote_concurrently_loses_nothing_release_1_reads()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var workload = await RunBothReleasesAsync(database.ConnectionString);

        await using (var context = ReleaseMigrationsContext.Create(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ReleaseIds.Create });
        }

        (await ColumnAsync(database.ConnectionString, """
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name IN ('users', 'orders', 'profiles', 'clients', 'customers') AND column_name <> 'id'
            ORDER BY 1
            """)).Should().Equal("customers.name", "orders.price_cents", "profiles.country", "users.email");
        (await ColumnAsync(database.ConnectionString, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).Should().BeEmpty("the undo drops the sync triggers");

        var release1 = await ReadAllAsync(Release1Context.Version, database.ConnectionString);
        foreach (var change in Enum.GetValues<ReleaseChange>())
        {
            release1[change].Should().Contain(workload.Expected(change), $"release 1 reads every {change} value either release wrote, after the undo");
            release1[change].Should().HaveCount(ReleaseIds.Rows + workload.Inserted(change), $"no {change} row is lost");
        }

        await using var db = Release1Context.Version.Open(database.ConnectionString);
        var email = Release1Context.Version.Rows[ReleaseChange.ColumnRename];
        var id = await email.InsertAsync(db, "after undo@example.com");
        (await email.ReadAllAsync(db))[id].Should().Be("after undo@example.com", "release 1 keeps working after the undo");
    }

    private static void ContractNow(SafeMigrationsOptions options)
    {
        options.ExpandContract.ApplyPostDeployment = true;
        // Release 1 stopped writing before the contract: a short watch sees no old-version write.
        options.ExpandContract.OldWriterQuietPeriod = TimeSpan.FromMilliseconds(200);
    }

    /// <summary>
    /// Release 1 writes from before the expand until after release 2 has written its share; the expand runs while release 1
    /// writes; release 2 starts once it is applied.
    /// </summary>
    private static async Task<TwoReleasesWorkload> RunBothReleasesAsync(string connectionString)
    {
        await using (var context = ReleaseMigrationsContext.Create(connectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ReleaseIds.Create });
        }

        var workload = new TwoReleasesWorkload(connectionString, await ReadAllAsync(Release1Context.Version, connectionString));
        var release2Done = 0;
        var release1Writers = workload.Start(Release1Context.Version, Release2Context.Version, WritersPerRelease, share: 0, shares: 2 * WritersPerRelease,
            until: i => Volatile.Read(ref release2Done) == 1 && i >= Release1OperationsAfterRelease2);
        while (workload.Operations < 20)
        {
            await Task.Delay(10); // release 1 is writing before the expand starts, and goes on while it runs
        }

        var beforeExpand = workload.Operations;
        await using (var context = ReleaseMigrationsContext.Create(connectionString))
        {
            (await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ReleaseIds.Expand }))
                .AppliedMigrations.Should().Equal(ReleaseIds.Expand);
        }

        var duringExpand = workload.Operations - beforeExpand;

        var release2Writers = workload.Start(Release2Context.Version, Release1Context.Version, WritersPerRelease, share: WritersPerRelease,
            shares: 2 * WritersPerRelease, until: i => i >= Release2OperationsPerWriter);
        try
        {
            await Task.WhenAll(release2Writers);
        }
        finally
        {
            Volatile.Write(ref release2Done, 1);
        }

        await Task.WhenAll(release1Writers);
        await TestContext.Progress.WriteLineAsync($"{workload.Operations} writes, {duringExpand} of them by release 1 while the expand ran; inserted: " +
            string.Join(", ", Enum.GetValues<ReleaseChange>().Select(c => $"{c} {workload.Inserted(c)}")));
        return workload;
    }

    /// <summary>In the database itself: the old and the new column of every row agree (the triggers kept them in sync).</summary>
    private static async Task AssertColumnsAgreeAsync(string connectionString)
    {
        (await ColumnAsync(connectionString, """
            SELECT 'users ' || count(*) FILTER (WHERE email IS DISTINCT FROM email_address) FROM users
            UNION ALL SELECT 'orders ' || count(*) FILTER (WHERE price IS DISTINCT FROM price_cents / 100.0) FROM orders
            UNION ALL SELECT 'profiles ' || count(*) FILTER (WHERE country IS NULL) FROM profiles
            UNION ALL SELECT 'customers ' || ((SELECT count(*) FROM customers) - (SELECT count(*) FROM clients))
            """)).Should().Equal("users 0", "orders 0", "profiles 0", "customers 0");
    }

    private static async Task<Dictionary<ReleaseChange, Dictionary<long, string?>>> ReadAllAsync(ApplicationVersion version, string connectionString)
    {
        var all = new Dictionary<ReleaseChange, Dictionary<long, string?>>();
        foreach (var change in Enum.GetValues<ReleaseChange>())
        {
            await using var db = version.Open(connectionString);
            all[change] = await version.Rows[change].ReadAllAsync(db);
        }

        return all;
    }
}
