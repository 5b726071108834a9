using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Quirky;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>MigrateSafelyAsync against a real server: same schema as plain EF, journal, dry run, target, quoting.</summary>
public class SafeApplyTests
{
    [Test]
    public async Task Safe_migration_produces_the_schema_plain_EF_produces_with_every_constraint_validated_and_index_valid()
    {
        await using var plain = await PostgresTestServer.CreateDatabaseAsync();
        await using var safe = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(plain.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync();
        }

        SafeMigrationReport report;
        var progress = new List<SafeMigrationProgress>();
        await using (var context = ShopOptions.Shop(safe.ConnectionString))
        {
            report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Progress = new SyncProgress(progress) });
        }

        var expected = await CatalogSnapshot.ReadAsync(plain.ConnectionString);
        var actual = await CatalogSnapshot.ReadAsync(safe.ConnectionString);
        actual.ToString().Should().Be(expected.ToString());
        actual.Constraints.Should().NotContain(c => c.Contains("NOT VALIDATED"));
        actual.Indexes.Should().NotContain(i => i.Contains("INVALID"));
        actual.Constraints.Should().NotContain(c => c.Contains("esm_nn_"), "the helper CHECK of the safe SET NOT NULL is dropped");

        report.AppliedMigrations.Should().Equal(CreateShop.Id, SafeChanges.Id);
        report.Rewrites.Keys.Should().Contain(
            ["concurrent-index", "not-valid-foreign-key", "not-valid-check", "validate-constraint", "safe-set-not-null",
             "constraint-using-concurrent-index", "timeouts"]);
        report.Migrations.Should().OnlyContain(m => m.Status == MigrationStatus.Applied && m.Statements.Count > 0);
        report.Migrations[1].Statements.Should().Contain(s => !s.Transactional && s.Sql.StartsWith("CREATE INDEX CONCURRENTLY"));
        progress.Should().Contain(p => p.Stage == SafeMigrationStage.MigrationCompleted && p.MigrationId == SafeChanges.Id);

        (await Journal.HistoryAsync(safe.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
        var journal = await Journal.ReadAsync(safe.ConnectionString);
        journal.Select(j => j.MigrationId).Should().Equal(CreateShop.Id, SafeChanges.Id);
        journal.Should().OnlyContain(j => j.Status == "applied" && j.StepsCompleted == j.StepsTotal && j.StepsTotal > 0);
        journal[1].StepsTotal.Should().BeGreaterThan(1, "the concurrent builds and validations are steps of their own");
    }

    [Test]
    public async Task Plain_MigrateAsync_and_scripts_keep_working_with_the_rewritten_SQL()
    {
        await using var plain = await PostgresTestServer.CreateDatabaseAsync();
        await using var rewritten = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(plain.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync();
        }

        string script;
        await using (var context = ShopOptions.Shop(rewritten.ConnectionString))
        {
            await context.Database.MigrateAsync();
            script = context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().GenerateScript();
        }

        (await CatalogSnapshot.ReadAsync(rewritten.ConnectionString)).ToString()
            .Should().Be((await CatalogSnapshot.ReadAsync(plain.ConnectionString)).ToString());
        script.Should().Contain("SET lock_timeout = '2000ms';").And.Contain("CREATE INDEX CONCURRENTLY ix_orders_customer_id")
            .And.Contain("NOT VALID;").And.Contain("VALIDATE CONSTRAINT");
    }

    [Test]
    public async Task A_second_run_applies_nothing()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = ShopOptions.Shop(database.ConnectionString);
        await context.Database.MigrateSafelyAsync();

        var again = await context.Database.MigrateSafelyAsync();

        again.Migrations.Should().BeEmpty();
        again.Plan.Migrations.Should().BeEmpty();
    }

    [Test]
    public async Task Target_migration_reverts_with_down_operations_like_plain_EF()
    {
        await using var plain = await PostgresTestServer.CreateDatabaseAsync();
        await using var safe = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(plain.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync();
            await context.Database.MigrateAsync(CreateShop.Id);
        }

        SafeMigrationReport report;
        await using (var context = ShopOptions.Shop(safe.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync();
            report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        report.RevertedMigrations.Should().Equal(SafeChanges.Id);
        (await CatalogSnapshot.ReadAsync(safe.ConnectionString)).ToString()
            .Should().Be((await CatalogSnapshot.ReadAsync(plain.ConnectionString)).ToString());
        (await Journal.HistoryAsync(safe.ConnectionString)).Should().Equal(CreateShop.Id);
        (await Journal.ReadAsync(safe.ConnectionString)).Select(j => j.MigrationId).Should().Equal(CreateShop.Id);
    }

    [Test]
    public async Task Dry_run_returns_the_full_plan_and_executes_nothing()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = ShopOptions.Shop(database.ConnectionString);

        var report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { DryRun = true });

        report.DryRun.Should().BeTrue();
        report.Migrations.Should().OnlyContain(m => m.Status == MigrationStatus.Planned);
        report.Plan.Migrations.Select(m => m.Id).Should().Equal(CreateShop.Id, SafeChanges.Id);
        var steps = report.Plan.Migrations[1].Steps;
        steps.Should().Contain(s => !s.Transactional && s.Statements[0].Kind == PlannedStatementKind.ConcurrentIndex);
        steps.Should().Contain(s => !s.Transactional && s.Statements[0].Kind == PlannedStatementKind.Validate);
        steps.SelectMany(s => s.Statements).Should().OnlyContain(s => s.LockTimeout == TimeSpan.FromSeconds(2));
        var script = report.Plan.ToString();
        script.Should().Contain("CREATE INDEX CONCURRENTLY ix_orders_customer_id").And.Contain("(outside a transaction)")
            .And.Contain("statement_timeout none");

        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString, includeBookkeeping: true);
        catalog.Tables.Should().BeEmpty("a dry run creates nothing, not even the history or journal table");
    }

    [Test]
    public async Task Identifiers_needing_quotes_work_in_history_journal_and_invalid_index_cleanup()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = new QuirkyDbContext(QuirkyDbContext.Options(database.ConnectionString));
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = "20260101000001_CreateQuirky" });

        // A failed concurrent build leaves an INVALID index under the very name the migration wants.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var dup = new NpgsqlCommand(""""UPDATE "Ünï Schema"."Order ""Items""" SET "Select" = 'same'"""", connection);
            await dup.ExecuteNonQueryAsync();
            await using var failing = new NpgsqlCommand(
                """"CREATE UNIQUE INDEX CONCURRENTLY "Idx Größe" ON "Ünï Schema"."Order ""Items""" ("Select")"""", connection);
            await FluentActions.Awaiting(() => failing.ExecuteNonQueryAsync()).Should().ThrowAsync<PostgresException>();
        }

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Indexes.Should().ContainSingle(i => i.Contains("[INVALID]"));

        var logger = new ListLogger();
        var report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Logger = logger });

        report.AppliedMigrations.Should().Equal("20260101000002_IndexQuirky");
        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        catalog.Indexes.Should().NotContain(i => i.Contains("[INVALID]")).And.Contain("CREATE INDEX \"Idx Größe\" ON \"Ünï Schema\".\"Order \"\"Items\"\"\" USING btree (\"Select\")");
        logger.Events.Should().Contain(e => e.Id.Id == 35009);
        (await Journal.ReadAsync(database.ConnectionString, "\"Ünï Schema\".\"__EfSafeMigrationsJournal\""))
            .Should().HaveCount(2).And.OnlyContain(j => j.Status == "applied");
        (await Journal.HistoryAsync(database.ConnectionString, "\"Ünï Schema\".\"My History\"")).Should().HaveCount(2);
    }

    [Test]
    public async Task Without_UseSafeMigrations_the_error_says_what_to_add()
    {
        await using var context = ShopOptions.Shop("Host=localhost;Database=none", safe: false);
        await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync())
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*UseSafeMigrations()*");
    }

    [Test]
    public async Task Multiplexed_connections_are_refused_with_a_clear_error()
    {
        await using var context = ShopOptions.Shop("Host=localhost;Database=none;Multiplexing=true");
        await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync())
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*Multiplexing=true*");
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests want the reports in order, at once.</summary>
    internal sealed class SyncProgress(List<SafeMigrationProgress> sink) : IProgress<SafeMigrationProgress>
    {
        public void Report(SafeMigrationProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
