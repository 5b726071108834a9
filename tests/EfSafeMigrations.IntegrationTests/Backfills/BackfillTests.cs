using EfSafeMigrations.IntegrationTests.Models.Backfills;
using EfSafeMigrations.IntegrationTests.SafeApply;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static EfSafeMigrations.IntegrationTests.Backfills.BackfillDatabase;

namespace EfSafeMigrations.IntegrationTests.Backfills;

/// <summary><c>migrationBuilder.Backfill</c> under <c>MigrateSafelyAsync</c>: keyset batches over any key, checkpoints, progress, report.</summary>
public class BackfillTests
{
    private const int Batches = (BackfillIds.Rows / BackfillIds.BatchSize) + 1; // 50 rows in batches of 7: 7 full batches and a last one of 1

    [Test]
    public async Task SQL_form_updates_the_matching_rows_in_keyset_batches_reports_progress_and_is_not_run_again()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var progress = new List<SafeMigrationProgress>();
        SafeMigrationReport report;
        await using (var context = BackfillContexts.Create<ItemsDbContext>(database.ConnectionString))
        {
            report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Progress = new SyncProgress(progress) });
        }

        (await ColumnAsync(database.ConnectionString, "SELECT label FROM items ORDER BY id")).Should().Equal(
            Enumerable.Range(1, BackfillIds.Rows).Select(i => i % 3 == 0 ? $"kept {i}" : $"n={i * 10}"));
        var backfill = report.Backfills.Should().ContainSingle().Subject;
        backfill.Should().BeEquivalentTo(new { MigrationId = BackfillIds.Backfill, Step = 1, Table = "items", RowsWalked = 50L, RowsUpdated = 34L, Batches, ResumedAfterBatch = 0 });
        report.Migrations[1].Statements[0].Transactional.Should().BeFalse("a backfill is a step of its own, outside any transaction");
        report.Plan.Migrations[1].Steps[0].Statements.Should().ContainSingle().Which.Kind.Should().Be(PlannedStatementKind.Backfill);

        var reports = progress.Where(p => p.Stage == SafeMigrationStage.Backfilling).ToList();
        reports.Should().HaveCount(Batches);
        reports.Select(p => p.Backfill!.RowsWalked).Should().BeInAscendingOrder().And.EndWith(50);
        reports[^1].Message.Should().Contain("backfilling items: 50 rows").And.Contain("rows/s");
        (await CheckpointAsync(database.ConnectionString)).Should().Be($"done {Batches} 50 34");

        await using (var context = BackfillContexts.Create<ItemsDbContext>(database.ConnectionString))
        {
            (await context.Database.MigrateSafelyAsync()).AppliedMigrations.Should().BeEmpty();
        }
    }

    [Test]
    public async Task A_failed_batch_rolls_back_with_its_checkpoint_and_the_rerun_resumes_so_a_non_idempotent_update_applies_exactly_once()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = BackfillContexts.Create<CounterDbContext>(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = BackfillIds.Create });
        }

        await ExecuteAsync(database.ConnectionString, "INSERT INTO gate VALUES ('fail')");
        await using (var context = BackfillContexts.Create<CounterDbContext>(database.ConnectionString))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Message.Should().Contain("backfill of counters").And.Contain("the gate failed this batch").And.Contain("resume at the next batch");
        }

        const int committed = (BackfillIds.GateRow - 1) / BackfillIds.BatchSize; // the batches before the one holding row 30
        (await CheckpointAsync(database.ConnectionString)).Should().Be($"running {committed} {committed * 7} {committed * 7}");
        (await ColumnAsync(database.ConnectionString, "SELECT hits FROM counters ORDER BY id")).Should().Equal(
            Enumerable.Range(1, BackfillIds.Rows).Select(i => i <= committed * 7 ? "1" : "0"));

        await ExecuteAsync(database.ConnectionString, "DELETE FROM gate");
        SafeMigrationReport report;
        await using (var context = BackfillContexts.Create<CounterDbContext>(database.ConnectionString))
        {
            report = await context.Database.MigrateSafelyAsync();
        }

        (await ColumnAsync(database.ConnectionString, "SELECT DISTINCT hits FROM counters")).Should().Equal("1");
        report.Backfills.Single().ResumedAfterBatch.Should().Be(committed);
        report.Backfills.Single().RowsUpdated.Should().Be(BackfillIds.Rows);
    }

    [TestCase(typeof(CompositeKeyDbContext), "SELECT count(*) FROM readings WHERE doubled = value * 2", 48)]
    [TestCase(typeof(UuidKeyDbContext), "SELECT count(*) FROM tokens WHERE hits = 1", 50)]
    [TestCase(typeof(TextKeyDbContext), "SELECT count(*) FROM \"Tags\" WHERE \"Hits\" = 1", 50)]
    [TestCase(typeof(ExplicitKeyDbContext), "SELECT count(*) FROM logs WHERE seen = false", 50)]
    public async Task Any_key_type_composite_keys_and_a_named_unique_key_are_walked_once_each(Type contextType, string check, int rows)
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        SafeMigrationReport report;
        await using (var context = (DbContext)Activator.CreateInstance(contextType, Options(contextType, database.ConnectionString))!)
        {
            report = await context.Database.MigrateSafelyAsync();
        }

        (await ColumnAsync(database.ConnectionString, check)).Should().Equal(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        report.Backfills.Single().Should().BeEquivalentTo(new { RowsWalked = (long)rows, RowsUpdated = (long)rows, Batches = (rows / BackfillIds.BatchSize) + 1 });
    }

    [TestCase("DELETE FROM items", 0, 0)]
    [TestCase("UPDATE items SET label = 'set'", 50, 0)]
    public async Task An_empty_table_or_one_without_matching_rows_completes_with_nothing_changed(string before, long walked, long updated)
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = BackfillContexts.Create<ItemsDbContext>(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = BackfillIds.Create });
        }

        await ExecuteAsync(database.ConnectionString, before);
        await using (var context = BackfillContexts.Create<ItemsDbContext>(database.ConnectionString))
        {
            var report = await context.Database.MigrateSafelyAsync();
            report.AppliedMigrations.Should().Equal(BackfillIds.Backfill);
            report.Backfills.Single().Should().BeEquivalentTo(new { RowsWalked = walked, RowsUpdated = updated });
        }
    }

    [Test]
    public async Task A_table_without_a_primary_key_is_refused_before_anything_of_the_run_executes()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = BackfillContexts.Create<NoKeyDbContext>(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = BackfillIds.Create });
        }

        await using (var context = BackfillContexts.Create<NoKeyDbContext>(database.ConnectionString))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Message.Should().Contain("Backfill of events").And.Contain("no primary key").And.Contain("keyColumns");
            failure.Which.Report.Problems.Should().Contain(p => p.Code == "BackfillWithoutKey" && p.Severity == EfSafeMigrations.Execution.PreflightSeverity.Error);
        }

        (await ColumnAsync(database.ConnectionString, "SELECT to_regclass('before_backfill')::text")).Should().Equal([null],
            "the migration's first step must not have run");
        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM events WHERE seen IS NULL")).Should().Equal("20");
    }

    [Test]
    public async Task A_named_key_without_a_unique_index_is_refused_too()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = BackfillContexts.Create<ExplicitKeyDbContext>(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = BackfillIds.Create });
        }

        await ExecuteAsync(database.ConnectionString, "DROP INDEX ux_logs_id");
        await using (var context = BackfillContexts.Create<ExplicitKeyDbContext>(database.ConnectionString))
        {
            await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>()
                .WithMessage("*key (id) must be NOT NULL and have a unique index over exactly its columns*");
        }
    }

    [Test]
    public async Task Typed_form_transforms_rows_in_CSharp_and_writes_back_only_what_changed()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        SafeMigrationReport report;
        await using (var context = BackfillContexts.Create<TypedDbContext>(database.ConnectionString))
        {
            report = await context.Database.MigrateSafelyAsync();
        }

        (await ColumnAsync(database.ConnectionString, "SELECT coalesce(first_name, '-') || ' ' || coalesce(last_name, '-') FROM people ORDER BY id"))
            .Should().Equal(Enumerable.Range(1, BackfillIds.Rows).Select(i => i % 5 == 0 ? "- -" : $"First{i} Last{i}"));
        report.Backfills.Single().Should().BeEquivalentTo(new { RowsWalked = 50L, RowsUpdated = 40L, Batches });
    }

    [Test]
    public async Task Scripts_and_unrouted_plain_Migrate_run_the_SQL_form_as_a_DO_block_committing_per_batch()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = BackfillContexts.Create<ItemsDbContext>(database.ConnectionString, configure: Unrouted);
        var script = context.GetService<IMigrator>().GenerateScript();
        script.Should().Contain("-- EfSafeMigrations backfill of items: SET label = 'n=' || n WHERE label IS NULL")
            .And.Contain("DO $esm_backfill$").And.Contain("COMMIT;");

        await context.Database.MigrateAsync();

        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM items WHERE label = 'n=' || n")).Should().Equal("34");
        (await ColumnAsync(database.ConnectionString, "SELECT to_regclass('\"__EfSafeMigrationsBackfill\"')::text")).Should().Equal([null],
            "EF's own migrator ran the script form: no checkpoints");
    }

    [Test]
    public async Task Typed_form_in_a_script_says_so_and_unrouted_plain_Migrate_refuses_it_before_anything_runs()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = BackfillContexts.Create<TypedDbContext>(database.ConnectionString, configure: Unrouted);
        var script = context.GetService<IMigrator>().GenerateScript();
        script.Should().Contain("runs only under MigrateSafelyAsync");

        await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("*typed C# backfill of people (Backfill<PersonName>)*runs only under MigrateSafelyAsync*nothing was applied*");
        (await ColumnAsync(database.ConnectionString, "SELECT to_regclass('people')::text")).Should().Equal([null], "not even the migration before it ran");
    }

    [Test]
    public async Task Plain_Migrate_routed_through_the_safe_runner_runs_the_typed_form_with_checkpoints()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = BackfillContexts.Create<TypedDbContext>(database.ConnectionString))
        {
            await context.Database.MigrateAsync();
        }

        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE first_name IS NOT NULL")).Should().Equal("40");
        (await CheckpointAsync(database.ConnectionString)).Should().Be($"done {Batches} 50 40");
    }

    private static void Unrouted(SafeMigrationsOptions options) => options.Deployment.RouteMigrate = false;

    private static object Options(Type contextType, string connectionString)
        => typeof(Models.Shop.ShopOptions).GetMethod(nameof(Models.Shop.ShopOptions.For))!.MakeGenericMethod(contextType)
            .Invoke(null, [connectionString, true, null])!;

    /// <summary>Synchronous, so the list is complete when the run returns.</summary>
    private sealed class SyncProgress(List<SafeMigrationProgress> list) : IProgress<SafeMigrationProgress>
    {
        public void Report(SafeMigrationProgress value) => list.Add(value);
    }
}
