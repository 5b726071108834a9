using EfSafeMigrations.IntegrationTests.Journal;
using EfSafeMigrations.IntegrationTests.LongLived;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using EfSafeMigrations.Tenants;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Tenants;

/// <summary>Many databases, or schemas of one database, migrated in one run: per-target locks, journals and results.</summary>
public class TenantMigrationTests
{
    private const string Secret = "n0t-in-any-report";

    [Test]
    public async Task Databases_are_migrated_in_parallel_and_an_unreachable_one_is_reported_without_stopping_the_others()
    {
        var databases = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresTestServer.CreateDatabaseAsync()));
        try
        {
            List<TenantTarget> targets =
            [
                .. databases.Select((d, i) => new TenantTarget($"tenant-{i}", d.ConnectionString)),
                new TenantTarget("gone", Unreachable()),
            ];
            var options = new TenantMigrationOptions { MaxParallelism = 3, MaxParallelismPerServer = 2 };

            var report = await SafeMigrationsTenants.MigrateAsync(targets, t => ShopOptions.Shop(t.ScopedConnectionString), options);

            report.Results.Select(r => (r.Name, r.Outcome)).Should().Equal(
                ("tenant-0", TenantOutcome.Applied), ("tenant-1", TenantOutcome.Applied), ("tenant-2", TenantOutcome.Applied),
                ("tenant-3", TenantOutcome.Applied), ("gone", TenantOutcome.Failed));
            report.ExitCode.Should().Be((int)SafeMigrationsExitCode.TargetsFailed);
            (report.LintRuns, report.LintReuses).Should().Be((1, 3), "four empty databases lint the same pending migrations once");
            var gone = report.Results.Single(r => r.Name == "gone");
            gone.Error.Should().NotBeNullOrEmpty();
            gone.Location.Should().Be("127.0.0.1:1/tenant_gone");
            (report.ToTable() + report.ToJson()).Should().NotContain(Secret).And.Contain("tenant-3").And.Contain("gone");

            var applied = report.Results[0].AppliedMigrations;
            applied.Should().NotBeEmpty();
            foreach (var database in databases)
            {
                (await JournalVerificationTests.QueryAsync(database.ConnectionString, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1"))
                    .Should().Equal(applied, "each database has its own history");
                (await JournalVerificationTests.QueryAsync(database.ConnectionString, "SELECT count(*)::text FROM \"__EfSafeMigrationsJournal\" WHERE status = 'applied'"))
                    .Should().Equal(applied.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var again = await SafeMigrationsTenants.MigrateAsync(targets, t => ShopOptions.Shop(t.ScopedConnectionString), options);
            again.Count(TenantOutcome.UpToDate).Should().Be(4);
            again.Count(TenantOutcome.Failed).Should().Be(1);

            var status = await SafeMigrationsTenants.StatusAsync(targets, t => ShopOptions.Shop(t.ScopedConnectionString));
            status.Behind.Should().BeEmpty();
            status.Unreadable.Select(t => t.Name).Should().Equal("gone");
            status.ExitCode.Should().Be((int)SafeMigrationsExitCode.TargetsFailed);
            status.ToJson().Should().NotContain(Secret);
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task A_failed_canary_leaves_the_other_targets_untouched_and_status_shows_them_behind()
    {
        await using var first = await PostgresTestServer.CreateDatabaseAsync();
        await using var second = await PostgresTestServer.CreateDatabaseAsync();
        List<TenantTarget> targets = [new("canary", Unreachable()), new("a", first.ConnectionString), new("b", second.ConnectionString)];
        var options = new TenantMigrationOptions { CanaryTargets = { "canary" } };

        var report = await SafeMigrationsTenants.MigrateAsync(targets, t => ShopOptions.Shop(t.ScopedConnectionString), options);

        report.Results.Select(r => (r.Name, r.Outcome, r.Canary)).Should().Equal(
            ("canary", TenantOutcome.Failed, true), ("a", TenantOutcome.NotRun, false), ("b", TenantOutcome.NotRun, false));
        report.StoppedBecause.Should().Contain("canary");
        var status = await SafeMigrationsTenants.StatusAsync(targets.Skip(1), t => ShopOptions.Shop(t.ScopedConnectionString));
        status.Behind.Select(t => t.Name).Should().Equal("a", "b");
        status.ExitCode.Should().Be((int)SafeMigrationsExitCode.PendingMigrations);
    }

    [Test]
    public async Task Stop_after_failures_starts_no_further_target()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        List<TenantTarget> targets = [new("gone-1", Unreachable(1)), new("gone-2", Unreachable(2)), new("ok", database.ConnectionString)];
        var options = new TenantMigrationOptions { MaxParallelism = 1, StopAfterFailures = 1 };

        var report = await SafeMigrationsTenants.MigrateAsync(targets, t => ShopOptions.Shop(t.ScopedConnectionString), options);

        report.Results.Select(r => r.Outcome).Should().Equal(TenantOutcome.Failed, TenantOutcome.NotRun, TenantOutcome.NotRun);
        report.StoppedBecause.Should().Contain("StopAfterFailures");
    }

    [Test]
    public async Task Duplicate_targets_are_refused_before_anything_runs()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var sameDatabase = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "other" }.ConnectionString;

        var twice = () => SafeMigrationsTenants.MigrateAsync(
            [new TenantTarget("a", database.ConnectionString), new TenantTarget("b", sameDatabase)], t => ShopOptions.Shop(t.ScopedConnectionString));
        var sameName = () => SafeMigrationsTenants.MigrateAsync(
            [new TenantTarget("a", database.ConnectionString, "s1"), new TenantTarget("a", database.ConnectionString, "s2")],
            t => ShopOptions.Shop(t.ScopedConnectionString));

        (await twice.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("'a' and 'b' are the same database");
        (await sameName.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("given twice");
        (await JournalVerificationTests.QueryAsync(database.ConnectionString, "SELECT to_regclass('\"__EFMigrationsHistory\"')::text"))
            .Should().Equal([null], "nothing ran");
    }

    [Test]
    public async Task Schemas_of_one_database_are_tenants_with_their_own_history_journal_lock_and_fresh_install()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        List<TenantTarget> targets = [new("alpha", database.ConnectionString, "tenant_alpha"), new("beta", database.ConnectionString, "tenant_beta")];

        // The long-lived history alters and drops tables it created earlier: on a fresh schema the gate exempts them,
        // even though the other tenant's schema already holds tables of the same names.
        var first = await SafeMigrationsTenants.MigrateAsync(targets.Take(1), Create);
        first.Results.Single().Outcome.Should().Be(TenantOutcome.Applied, first.ToTable());
        var both = await SafeMigrationsTenants.MigrateAsync(targets, Create, new TenantMigrationOptions { MaxParallelism = 2 });

        both.Results.Select(r => r.Outcome).Should().Equal([TenantOutcome.UpToDate, TenantOutcome.Applied], both.ToTable());
        foreach (var schema in new[] { "tenant_alpha", "tenant_beta" })
        {
            (await JournalVerificationTests.QueryAsync(database.ConnectionString, $"""
                SELECT count(*)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = '{schema}' AND c.relname IN ('__EFMigrationsHistory', '__EfSafeMigrationsJournal', 'entity_0')
                """)).Should().Equal("3");
        }

        (await JournalVerificationTests.QueryAsync(database.ConnectionString,
            "SELECT count(*)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"))
            .Should().Equal("0");
        var status = await SafeMigrationsTenants.StatusAsync(targets, Create);
        status.Targets.Should().OnlyContain(t => t.Error == null && t.Pending.Count == 0 && t.Applied > 50);

        static LongLivedDbContext Create(TenantTarget target) => LongLivedDbContext.Create(target.ScopedConnectionString, safe: true);
    }

    [Test]
    public async Task Each_tenant_schema_has_its_own_migration_lock()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", holder))
        {
            take.Parameters.AddWithValue("key", Execution.Internal.AdvisoryLock.KeyFor("tenant_alpha", "__EFMigrationsHistory"));
            await take.ExecuteScalarAsync();
        }

        List<TenantTarget> targets = [new("alpha", database.ConnectionString, "tenant_alpha"), new("beta", database.ConnectionString, "tenant_beta")];
        var report = await SafeMigrationsTenants.MigrateAsync(targets, t => ShopOptions.Shop(t.ScopedConnectionString, configure: o =>
        {
            o.Execution.LockWaitTimeout = TimeSpan.FromMilliseconds(300);
            o.Execution.LockPollInterval = TimeSpan.FromMilliseconds(50);
        }));

        report.Results.Select(r => r.Outcome).Should().Equal([TenantOutcome.Failed, TenantOutcome.Applied], "only alpha's lock is held: " + report.ToTable());
        report.Results[0].Error.Should().Contain("lock");

        var status = await SafeMigrationsTenants.StatusAsync(targets, t => ShopOptions.Shop(t.ScopedConnectionString));
        status.Behind.Select(t => t.Name).Should().Equal("alpha");
    }

    [Test]
    public async Task An_INVALID_index_left_in_a_tenant_schema_is_cleaned_there_and_another_schema_is_left_alone()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var target = new TenantTarget("x", database.ConnectionString, "tenant_x");
        var toCreateShop = new TenantMigrationOptions { MigrateOptions = _ => new MigrateSafelyOptions { TargetMigration = CreateShop.Id } };
        (await SafeMigrationsTenants.MigrateAsync([target], t => ShopOptions.Shop(t.ScopedConnectionString), toCreateShop))
            .Results.Single().Outcome.Should().Be(TenantOutcome.Applied);
        // A failed unique build (customer ids repeat) leaves an INVALID index of the name the next migration builds;
        // public holds a valid index of the same name on a table of its own.
        var build = async () => await JournalVerificationTests.ExecuteAsync(database.ConnectionString,
            "CREATE UNIQUE INDEX CONCURRENTLY ix_orders_customer_id ON tenant_x.orders (customer_id)");
        await build.Should().ThrowAsync<PostgresException>();
        await JournalVerificationTests.ExecuteAsync(database.ConnectionString,
            "CREATE TABLE public.orders (customer_id bigint); CREATE INDEX ix_orders_customer_id ON public.orders (customer_id)");

        var report = await SafeMigrationsTenants.MigrateAsync([target], t => ShopOptions.Shop(t.ScopedConnectionString));

        report.Results.Single().Outcome.Should().Be(TenantOutcome.Applied, report.ToTable());
        (await JournalVerificationTests.QueryAsync(database.ConnectionString, """
            SELECT n.nspname || ' ' || i.indisvalid || ' ' || i.indisunique FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = 'ix_orders_customer_id' ORDER BY 1
            """)).Should().Equal("public true false", "tenant_x true false");
    }

    private static string Unreachable(int n = 0) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = 1, Database = n == 0 ? "tenant_gone" : $"tenant_gone_{n}", Username = "tenant", Password = Secret, Timeout = 2,
    }.ConnectionString;
}
