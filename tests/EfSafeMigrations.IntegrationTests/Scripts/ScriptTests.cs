using EfSafeMigrations.CommandLine.Internal;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Lint;
using EfSafeMigrations.IntegrationTests.Models.Required;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using EfSafeMigrations.ThrowawayPostgres;
using JournalRows = EfSafeMigrations.IntegrationTests.SafeApply.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Scripts;

/// <summary>
/// <c>dotnet ef migrations script [from] [to] [--idempotent]</c> with UseSafeMigrations (EF's IMigrator.GenerateScript with the
/// options dotnet ef passes), run as written by psql with ON_ERROR_STOP in a separate process: on tables holding rows, from
/// several starting points, twice, and compared with what MigrateSafelyAsync builds on a twin database.
/// </summary>
public class ScriptTests
{
    [Test]
    public async Task Plain_script_from_an_empty_database_runs_in_psql_and_ends_where_MigrateSafelyAsync_ends()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        var script = Generate(scripted.ConnectionString);

        script.Should().StartWith("-- EfSafeMigrations SQL script for ShopDbContext")
            .And.Contain("psql -v ON_ERROR_STOP=1").And.Contain("--single-transaction").And.Contain("PostgreSQL 12 or later")
            .And.Contain("CREATE INDEX CONCURRENTLY ix_orders_customer_id").And.NotContain("DO $EF$").And.NotContain("\\if");
        (await Psql.RunAsync(scripted.ConnectionString, script)).Should().Match<PsqlClient.Result>(r => r.ExitCode == 0, "{0}", script);

        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString);
        await AssertAcceptedBySafeRunner(scripted.ConnectionString);
    }

    [Test]
    public void The_header_names_what_the_lint_gate_of_MigrateSafelyAsync_would_refuse()
    {
        using var refused = AccountsDbContext.Create("Host=localhost;Database=unused");
        using var shop = ShopOptions.Shop("Host=localhost;Database=unused");

        refused.GetService<IMigrator>().GenerateScript().Should().Contain("-- Lint: MigrateSafelyAsync's gate would REFUSE these migrations")
            .And.Contain($"--   ESM0018 {DropLegacyCodeBase.Id} (");
        shop.GetService<IMigrator>().GenerateScript().Should().Contain("-- Lint: nothing MigrateSafelyAsync's gate would refuse");
    }

    [Test]
    public async Task Plain_script_with_no_transactions_sets_and_resets_the_timeouts_around_every_step()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        string script;
        await using (var context = ShopOptions.Shop(scripted.ConnectionString))
        {
            script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.NoTransactions);
        }

        var lines = script.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().NotContain("START TRANSACTION;").And.NotContain(l => l.StartsWith("SET LOCAL", StringComparison.Ordinal)).And.Contain("RESET lock_timeout;");
        var result = await Psql.RunAsync(scripted.ConnectionString, script);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Errors.Should().NotContain("WARNING");
        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString);
    }

    [Test]
    public async Task Idempotent_script_runs_twice_from_an_empty_database()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        var script = Generate(scripted.ConnectionString, idempotent: true);

        script.Should().Contain("\\set ON_ERROR_STOP on").And.Contain("\\if :esm_pending").And.NotContain("DO $EF$");
        (await Psql.RunAsync(scripted.ConnectionString, script)).ExitCode.Should().Be(0);
        var again = await Psql.RunAsync(scripted.ConnectionString, script);

        again.ExitCode.Should().Be(0, again.ToString());
        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString);
        await AssertAcceptedBySafeRunner(scripted.ConnectionString);
    }

    [Test]
    public async Task Idempotent_script_completes_a_database_half_applied_by_plain_EF()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        await AtCreateShopAsync(scripted.ConnectionString, safely: false);

        var result = await Psql.RunAsync(scripted.ConnectionString, Generate(scripted.ConnectionString, idempotent: true));

        result.ExitCode.Should().Be(0, result.ToString());
        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString);
        (await JournalRows.ReadAsync(scripted.ConnectionString)).Select(r => (r.MigrationId, r.Status))
            .Should().Equal((CreateShop.Id, "baseline"), (SafeChanges.Id, "applied"));
        await AssertAcceptedBySafeRunner(scripted.ConnectionString);
    }

    [Test]
    public async Task Idempotent_script_completes_a_database_half_applied_by_MigrateSafelyAsync_and_cleans_an_INVALID_index()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        await AtCreateShopAsync(scripted.ConnectionString, safely: true);

        // A failed concurrent build leaves its index INVALID under the name the migration builds: a unique build over duplicates.
        var failed = await Psql.RunAsync(scripted.ConnectionString, "CREATE UNIQUE INDEX CONCURRENTLY ix_orders_customer_id ON orders (customer_id);");
        failed.ExitCode.Should().NotBe(0);
        (await CatalogSnapshot.ReadAsync(scripted.ConnectionString)).Indexes.Should().Contain(i => i.Contains("ix_orders_customer_id") && i.Contains("INVALID"));

        var result = await Psql.RunAsync(scripted.ConnectionString, Generate(scripted.ConnectionString, idempotent: true));

        result.ExitCode.Should().Be(0, result.ToString());
        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString);
        await AssertAcceptedBySafeRunner(scripted.ConnectionString);
    }

    [Test]
    public async Task A_failed_idempotent_run_is_resumed_after_its_last_completed_step_by_the_next_run()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        await AtCreateShopAsync(scripted.ConnectionString, safely: false);

        // A duplicate order number makes the concurrent unique build of step 11 fail (and leave its index INVALID).
        await JournalRows.ScalarAsync<object>(scripted.ConnectionString, "INSERT INTO orders (id, customer_id, total, number) VALUES (5000, 1, 1, 'N1')");
        var script = Generate(scripted.ConnectionString, idempotent: true);
        var failed = await Psql.RunAsync(scripted.ConnectionString, script);

        failed.ExitCode.Should().Be(3, failed.ToString());
        failed.Errors.Should().Contain("could not create unique index \"ak_orders_number\"");
        (await JournalRows.ReadAsync(scripted.ConnectionString)).Should().ContainSingle(r => r.MigrationId == SafeChanges.Id)
            .Which.Should().Match<JournalRows.Row>(r => r.Status == "running" && r.StepsCompleted == 10 && r.StepsTotal == 12);
        await using (var context = ShopOptions.Shop(scripted.ConnectionString))
        {
            var plan = (await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { DryRun = true })).Plan;
            plan.Migrations.Should().ContainSingle().Which.StepsAlreadyCompleted.Should().Be(10, "MigrateSafelyAsync reads the script's journal rows too");
        }

        await JournalRows.ScalarAsync<object>(scripted.ConnectionString, "DELETE FROM orders WHERE id = 5000");
        var resumed = await Psql.RunAsync(scripted.ConnectionString, script);

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString);
        await AssertAcceptedBySafeRunner(scripted.ConnectionString);
    }

    [Test]
    public async Task Plain_script_from_to_applies_one_migration_and_a_second_run_stops_before_anything_runs()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        await AtCreateShopAsync(scripted.ConnectionString, safely: false);

        var script = Generate(scripted.ConnectionString, from: CreateShop.Id, to: SafeChanges.Id);
        script.Should().NotContain("CREATE TABLE customers", "the script starts after --from");

        (await Psql.RunAsync(scripted.ConnectionString, script)).ExitCode.Should().Be(0);
        var before = (await CatalogSnapshot.ReadAsync(scripted.ConnectionString)).ToString();
        var again = await Psql.RunAsync(scripted.ConnectionString, script);

        again.ExitCode.Should().Be(3, "psql exits with 3 when ON_ERROR_STOP stops a script");
        again.Errors.Should().Contain($"EfSafeMigrations: migration {SafeChanges.Id}, which this script applies, is already applied")
            .And.Contain("HINT:").And.Contain("--idempotent");
        (await CatalogSnapshot.ReadAsync(scripted.ConnectionString)).ToString().Should().Be(before);
        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString);
    }

    [Test]
    public async Task A_journal_that_disagrees_stops_the_script_with_the_migration_and_the_fix_before_anything_runs()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        await AtCreateShopAsync(scripted.ConnectionString, safely: true);

        await JournalRows.ScalarAsync<object>(scripted.ConnectionString,
            $"UPDATE \"__EfSafeMigrationsJournal\" SET checksum = 'edited0000000000' WHERE migration_id = '{CreateShop.Id}'");
        var before = (await CatalogSnapshot.ReadAsync(scripted.ConnectionString, includeBookkeeping: true)).ToString();

        foreach (var idempotent in new[] { true, false })
        {
            var result = await Psql.RunAsync(scripted.ConnectionString, Generate(scripted.ConnectionString, idempotent, from: idempotent ? null : CreateShop.Id));

            result.ExitCode.Should().Be(3, result.ToString());
            result.Errors.Should().Contain($"EfSafeMigrations: migration {CreateShop.Id} was edited after it was applied to this database (checksum edited000000 applied")
                .And.Contain("Nothing of this script was applied").And.Contain($"journal repair --accept {CreateShop.Id}");
            (await CatalogSnapshot.ReadAsync(scripted.ConnectionString, includeBookkeeping: true)).ToString().Should().Be(before);
            (await JournalRows.HistoryAsync(scripted.ConnectionString)).Should().Equal(CreateShop.Id);
        }
    }

    [Test]
    public async Task Idempotent_script_fills_NULLs_in_batches_outside_transactions_like_MigrateSafelyAsync()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        await using var twin = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = RequiredOptions.Create<RequiredDbContext>(scripted.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync(CreatePeopleTable.Id);
        }

        await using (var context = RequiredOptions.Create<RequiredDbContext>(twin.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync();
        }

        string script;
        await using (var context = RequiredOptions.Create<RequiredDbContext>(scripted.ConnectionString))
        {
            script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        }

        script.Should().Contain("DO $esm_fill$");
        var result = await Psql.RunAsync(scripted.ConnectionString, script);

        result.ExitCode.Should().Be(0, result.ToString());
        (await JournalRows.ScalarAsync<long>(scripted.ConnectionString, "SELECT count(*) FROM \"People\" WHERE \"Name\" IS NULL OR \"Age\" IS NULL")).Should().Be(0);
        (await CatalogSnapshot.ReadAsync(scripted.ConnectionString)).ToString().Should().Be((await CatalogSnapshot.ReadAsync(twin.ConnectionString)).ToString());
        (await JournalRows.ReadAsync(scripted.ConnectionString)).Should().OnlyContain(r => r.Status == "baseline" || r.Status == "applied");
    }

    [Test]
    public async Task Revert_scripts_plain_and_idempotent_drop_indexes_concurrently_and_leave_the_journal_as_MigrateSafelyAsync_does()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = ShopOptions.Shop(scripted.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync();
        }

        var plain = Generate(scripted.ConnectionString, from: SafeChanges.Id, to: CreateShop.Id);
        var idempotent = Generate(scripted.ConnectionString, idempotent: true, from: SafeChanges.Id, to: CreateShop.Id);
        plain.Should().Contain("DROP INDEX CONCURRENTLY ix_orders_customer_id").And.Contain("reverts 20260101000002_SafeChanges");
        idempotent.Should().Contain("DROP INDEX CONCURRENTLY IF EXISTS ix_orders_customer_id");

        (await Psql.RunAsync(scripted.ConnectionString, plain)).Should().Match<PsqlClient.Result>(r => r.ExitCode == 0, "{0}", plain);
        var again = await Psql.RunAsync(scripted.ConnectionString, idempotent);

        again.ExitCode.Should().Be(0, again.ToString());
        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString, target: CreateShop.Id);
        (await JournalRows.ReadAsync(scripted.ConnectionString)).Select(r => r.MigrationId).Should().Equal(CreateShop.Id);
        (await JournalRows.HistoryAsync(scripted.ConnectionString)).Should().Equal(CreateShop.Id);
    }

    [Test]
    public async Task The_script_command_with_psql_writes_the_same_script_without_touching_the_database()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        var output = new StringWriter();
        var host = new CommandHost(CommandCatalog.Create(), new TerminalSettings(output, new StringWriter(), false, false, true));
        using var interruption = Interruption.Listen(CancellationToken.None);

        var exitCode = await host.RunAsync(["script", "--psql", "--idempotent"], () => ShopOptions.Shop(scripted.ConnectionString), interruption);

        exitCode.Should().Be(0);
        output.ToString().TrimEnd().Should().Be(Generate(scripted.ConnectionString, idempotent: true).TrimEnd());
        (await JournalRows.ScalarAsync<bool>(scripted.ConnectionString, "SELECT to_regclass('\"__EFMigrationsHistory\"') IS NULL"))
            .Should().BeTrue("the command only writes the script");
        (await Psql.RunAsync(scripted.ConnectionString, output.ToString())).ExitCode.Should().Be(0);
        await AssertLikeMigrateSafelyAsync(scripted.ConnectionString);
    }

    /// <summary>The database at the first migration, applied by plain EF's MigrateAsync or by MigrateSafelyAsync.</summary>
    private static async Task AtCreateShopAsync(string connectionString, bool safely)
    {
        await using var context = ShopOptions.Shop(connectionString, safe: safely);
        if (safely)
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }
        else
        {
            await context.Database.MigrateAsync(CreateShop.Id);
        }
    }

    private static string Generate(string connectionString, bool idempotent = false, string? from = null, string? to = null)
    {
        using var context = ShopOptions.Shop(connectionString);
        return context.GetService<IMigrator>().GenerateScript(from, to,
            idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);
    }

    /// <summary>The schema MigrateSafelyAsync builds on a twin database (tables, columns, constraints and their validity, indexes).</summary>
    private static async Task AssertLikeMigrateSafelyAsync(string connectionString, string? target = null)
    {
        await using var twin = await PostgresTestServer.CreateDatabaseAsync("scripttwin");
        await using (var context = ShopOptions.Shop(twin.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync();
            if (target is not null)
            {
                await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = target });
            }
        }

        (await CatalogSnapshot.ReadAsync(connectionString)).ToString().Should().Be((await CatalogSnapshot.ReadAsync(twin.ConnectionString)).ToString());
    }

    /// <summary>What the script left is what MigrateSafelyAsync would have: journal verified, nothing to apply, check finds no journal problem.</summary>
    private static async Task AssertAcceptedBySafeRunner(string connectionString)
    {
        (await JournalRows.ReadAsync(connectionString)).Should().OnlyContain(r => r.Status == "applied" || r.Status == "baseline")
            .And.OnlyContain(r => r.Status == "baseline" || r.StepsCompleted == r.StepsTotal);
        await using var context = ShopOptions.Shop(connectionString);
        var report = await context.Database.MigrateSafelyAsync();
        report.Migrations.Should().BeEmpty();
        report.Problems.Should().NotContain(p => p.Severity == Execution.PreflightSeverity.Error);
    }
}
