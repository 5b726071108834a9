using EfSafeMigrations.IntegrationTests.Models.Phases;
using Microsoft.EntityFrameworkCore;
using static EfSafeMigrations.IntegrationTests.SafeApply.Journal;

namespace EfSafeMigrations.IntegrationTests.ExpandContract;

/// <summary>
/// The post-deployment phase on every deployment path: MigrateSafelyAsync and the routed Migrate() defer post-deployment migrations
/// (newer pre-deployment ones still apply), and apply them when asked, on a fresh database, or up to an explicit target. The journal
/// records each migration's phase, also in a journal table an earlier version created.
/// </summary>
public class PostDeploymentPhaseTests
{
    [Test]
    public async Task At_start_up_the_post_deployment_drop_waits_newer_pre_deployment_migrations_apply_and_a_post_deployment_run_applies_it()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await AtFirstReleaseAsync(database.ConnectionString);
        await using var context = PhasesDbContext.Create(database.ConnectionString);

        var startUp = await context.Database.MigrateSafelyAsync();

        startUp.AppliedMigrations.Should().Equal(AddAccountNote.Id);
        startUp.DeferredMigrations.Should().Equal(DropLegacyCode.Id);
        startUp.PostDeploymentNote.Should().Contain("1 post-deployment migration(s) wait").And.Contain(DropLegacyCode.Id).And.Contain("migrate --post-deployment");
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateAccounts.Id, AddAccountNote.Id);
        (await ScalarAsync<long>(database.ConnectionString, "SELECT count(legacy_code) FROM accounts")).Should().Be(2, "the old version still reads it");

        var again = await context.Database.MigrateSafelyAsync();
        again.AppliedMigrations.Should().BeEmpty();
        again.DeferredMigrations.Should().Equal([DropLegacyCode.Id], "a restart still defers it, through the no-pending fast path");

        var afterRollout = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { ApplyPostDeployment = true });

        afterRollout.AppliedMigrations.Should().Equal(DropLegacyCode.Id);
        afterRollout.DeferredMigrations.Should().BeEmpty();
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateAccounts.Id, DropLegacyCode.Id, AddAccountNote.Id);
        (await ScalarAsync<string>(database.ConnectionString,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'legacy_code'")).Should().BeNull();
        (await PhasesAsync(database.ConnectionString)).Should().Equal(
            $"{CreateAccounts.Id} pre", $"{DropLegacyCode.Id} post", $"{AddAccountNote.Id} pre");
    }

    [Test]
    public async Task A_fresh_database_applies_post_deployment_migrations_with_the_rest_and_says_why()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = PhasesDbContext.Create(database.ConnectionString);

        var report = await context.Database.MigrateSafelyAsync();

        report.AppliedMigrations.Should().Equal(CreateAccounts.Id, DropLegacyCode.Id, AddAccountNote.Id);
        report.DeferredMigrations.Should().BeEmpty();
        report.PostDeploymentNote.Should().Contain("no migration applied").And.Contain("no old application version can be running");
    }

    [Test]
    public async Task An_explicit_target_applies_everything_up_to_it_and_the_option_applies_them_on_every_run()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await AtFirstReleaseAsync(database.ConnectionString);
        await using (var context = PhasesDbContext.Create(database.ConnectionString))
        {
            var report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = DropLegacyCode.Id });
            report.AppliedMigrations.Should().Equal(DropLegacyCode.Id);
            report.PostDeploymentNote.Should().Contain("target migration");
        }

        await using var database2 = await PostgresTestServer.CreateDatabaseAsync();
        await AtFirstReleaseAsync(database2.ConnectionString);
        await using var always = PhasesDbContext.Create(database2.ConnectionString, o => o.ExpandContract.ApplyPostDeployment = true);
        (await always.Database.MigrateSafelyAsync()).AppliedMigrations.Should().Equal(DropLegacyCode.Id, AddAccountNote.Id);
    }

    [Test]
    public async Task Routed_Migrate_as_dotnet_ef_database_update_and_bundles_call_it_defers_and_a_target_applies()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await AtFirstReleaseAsync(database.ConnectionString);
        await using var context = PhasesDbContext.Create(database.ConnectionString);

        context.Database.Migrate();
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateAccounts.Id, AddAccountNote.Id);

        await context.Database.MigrateAsync(AddAccountNote.Id);
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateAccounts.Id, DropLegacyCode.Id, AddAccountNote.Id);
    }

    [Test]
    public async Task A_journal_table_an_earlier_version_created_gets_the_phase_column_and_keeps_its_rows()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        // The table's shape before the phase column existed; the first release applied by plain EF, adopted as a baseline (no phase).
        await ExecuteAsync(database.ConnectionString, OlderJournalTable);
        await using (var plain = PhasesDbContext.Create(database.ConnectionString, safe: false))
        {
            await plain.Database.MigrateAsync(CreateAccounts.Id);
        }

        await using var context = PhasesDbContext.Create(database.ConnectionString, o => o.ExpandContract.ApplyPostDeployment = true);

        await context.Database.MigrateSafelyAsync();

        (await PhasesAsync(database.ConnectionString)).Should().Equal(
            $"{CreateAccounts.Id} -", $"{DropLegacyCode.Id} post", $"{AddAccountNote.Id} pre");
    }

    [Test]
    public async Task An_older_journal_table_the_migrating_role_does_not_own_stays_as_it_is_and_the_run_succeeds()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        // Created by a DBA's role (the admin), writable by the app's role: the app cannot add the column.
        await ExecuteAsync(database.AdminConnectionString,
            OlderJournalTable + $"""GRANT SELECT, INSERT, UPDATE, DELETE ON "__EfSafeMigrationsJournal" TO "{database.Role}";""");
        await using var context = PhasesDbContext.Create(database.ConnectionString);

        (await context.Database.MigrateSafelyAsync()).AppliedMigrations.Should().HaveCount(3);

        (await ReadAsync(database.ConnectionString)).Should().HaveCount(3).And.OnlyContain(j => j.Status == "applied");
        (await ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = '__EfSafeMigrationsJournal' AND column_name = 'phase'")).Should().Be(0);
    }

    /// <summary>The journal table's shape before the phase column existed.</summary>
    private const string OlderJournalTable = """
        CREATE TABLE "__EfSafeMigrationsJournal" (
            migration_id text NOT NULL PRIMARY KEY, checksum text, status text NOT NULL, steps_total integer NOT NULL DEFAULT 0,
            steps_completed integer NOT NULL DEFAULT 0, last_completed_step integer, started_at timestamp with time zone,
            finished_at timestamp with time zone, duration_ms bigint, failed_statement text, error text, applied_by_host text,
            applied_by_application text, library_version text);

        """;

    /// <summary>The first release deployed: only its migration applied (an explicit target), journal written.</summary>
    internal static async Task AtFirstReleaseAsync(string connectionString)
    {
        await using var context = PhasesDbContext.Create(connectionString);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateAccounts.Id });
    }

    private static async Task<IReadOnlyList<string>> PhasesAsync(string connectionString)
        => (await ScalarAsync<string>(connectionString,
                "SELECT string_agg(migration_id || ' ' || coalesce(phase, '-'), ',' ORDER BY migration_id) FROM \"__EfSafeMigrationsJournal\""))!
            .Split(',');
}
