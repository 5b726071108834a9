using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Preflight;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// The data preflight against real rows: every data-dependent step of a migration is checked before anything runs;
/// rows that would break one stop the run with nothing applied, counts and sample keys named.
/// </summary>
public class DataPreflightTests
{
    [Test]
    public async Task Rows_that_would_break_steps_stop_the_run_before_anything_is_applied_naming_counts_and_keys()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = PreflightOptions.Create<DirtyDataDbContext>(database.ConnectionString);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateAccountsBase.Id });
        var before = await CatalogSnapshot.ReadAsync(database.ConnectionString);

        var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync())
            .Should().ThrowAsync<SafeMigrationException>();

        var problems = failure.Which.Report.Problems.Where(p => p.Check == "data" && p.Severity == Execution.PreflightSeverity.Error).ToList();
        problems.Select(p => p.Code).Should().BeEquivalentTo(
            "DATA_NULLS", "DATA_DUPLICATES", "DATA_CHECK_VIOLATIONS", "DATA_FOREIGN_KEY_ORPHANS", "DATA_VALUES_DO_NOT_FIT",
            "DATA_NO_AUTOMATIC_CONVERSION");
        problems.Should().OnlyContain(p => p.MigrationId == BreakingChangesBase.Id);
        Message("DATA_NULLS").Should().Contain("20 rows of Accounts hold NULL").And.Contain("Id=100");
        Message("DATA_DUPLICATES").Should().Contain("1 groups of rows").And.Contain("Email=same@example.com x40");
        Message("DATA_CHECK_VIOLATIONS").Should().Contain("2 rows").And.Contain("Id=7");
        Message("DATA_FOREIGN_KEY_ORPHANS").Should().Contain("10 rows").And.Contain("Id=200");
        Message("DATA_VALUES_DO_NOT_FIT").Should().Contain("8 rows").And.Contain("Id=250");
        Message("DATA_NO_AUTOMATIC_CONVERSION").Should().Contain("from text to integer");
        failure.Which.Report.Problems.Should().Contain(p => p.Code == "DATA_PREFLIGHT" && p.Message.Contains("7 of 7 check(s)"));

        (await Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateAccountsBase.Id);
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(before.ToString(), "nothing was applied");

        string Message(string code) => problems.Single(p => p.Code == code).Message;
    }

    [Test]
    public async Task Clean_rows_pass_and_the_preflight_reports_what_it_checked()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = PreflightOptions.Create<CleanDataDbContext>(database.ConnectionString);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateAccountsBase.Id });

        var report = await context.Database.MigrateSafelyAsync();

        report.AppliedMigrations.Should().Equal(BreakingChangesBase.Id);
        report.Problems.Should().ContainSingle(p => p.Code == "DATA_PREFLIGHT").Which.Message.Should().Contain("6 of 6 check(s)");
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Indexes.Should().NotContain(i => i.Contains("INVALID"));
    }

    [Test]
    public async Task Rows_an_earlier_step_of_the_run_cleans_with_SQL_only_warn_and_the_run_applies()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = PreflightOptions.Create<CleanedInRunDbContext>(database.ConnectionString);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateAccountsBase.Id });

        var report = await context.Database.MigrateSafelyAsync();

        report.AppliedMigrations.Should().Equal(BreakingChangesBase.Id);
        report.Problems.Where(p => p.Check == "data" && p.Code != "DATA_PREFLIGHT")
            .Should().NotBeEmpty().And.OnlyContain(p => p.Severity == Execution.PreflightSeverity.Warning && p.Message.Contains("may change"));
    }

    [Test]
    public async Task Tables_created_in_the_same_run_are_not_probed_and_a_fresh_install_applies()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = PreflightOptions.Create<CleanDataDbContext>(database.ConnectionString);

        var report = await context.Database.MigrateSafelyAsync();

        report.AppliedMigrations.Should().Equal(CreateAccountsBase.Id, BreakingChangesBase.Id);
        report.Problems.Should().NotContain(p => p.Check == "data");
    }

    [Test]
    public async Task Turned_off_the_preflight_asks_nothing_and_the_step_fails_as_plain_EF_would()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = PreflightOptions.Create<DirtyDataDbContext>(database.ConnectionString, o => o.DataPreflight.Enabled = false);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateAccountsBase.Id });

        var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
        failure.Which.Report.Problems.Should().NotContain(p => p.Check == "data");
    }
}

/// <summary>A probe the live server cannot answer is reported as not checked; it never fails the run.</summary>
public class DataProbeRunnerTests
{
    [Test]
    public async Task A_conversion_probe_over_a_type_name_the_server_cannot_parse_is_not_checked_never_thrown()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new Npgsql.NpgsqlCommand("CREATE TABLE t (c text)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var sql = new Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal.NpgsqlSqlGenerationHelper(
            new Microsoft.EntityFrameworkCore.Storage.RelationalSqlGenerationHelperDependencies());
        var runner = new EfSafeMigrations.DataPreflight.Internal.DataProbeRunner(connection, sql, new DataPreflightOptions());
        var probe = new EfSafeMigrations.DataPreflight.Internal.DataProbe("m", "DATA_NO_AUTOMATIC_CONVERSION", null, "t", ["c"],
            EfSafeMigrations.DataPreflight.Internal.DataProbeKind.Conversion, string.Empty, "AlterColumn t.c", "no conversion", "fix")
        {
            FromType = "text",
            ToType = "numeric(10,",
        };

        var problem = await runner.RunAsync(probe, CancellationToken.None);

        if (problem is not null)
        {
            problem.Severity.Should().Be(Execution.PreflightSeverity.Info);
            problem.Code.Should().Be("DATA_NOT_CHECKED");
        }
    }
}
