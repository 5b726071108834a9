using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Required;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// Nullable columns made required in EF's own shape (<c>defaultValue</c> fills the NULLs) on a table holding NULL rows:
/// the safe form must fill first, so it succeeds wherever plain EF does and ends in the same schema and data.
/// </summary>
public class RequiredColumnTests
{
    private const int NullsPerColumn = CreatePeopleTable.Rows / 3;

    [Test]
    public async Task EF_shape_applies_safely_on_rows_with_NULLs_and_ends_where_plain_EF_ends()
    {
        await using var plain = await PostgresTestServer.CreateDatabaseAsync();
        await using var safe = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = RequiredOptions.Create<RequiredDbContext>(plain.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync();
        }

        SafeMigrationReport report;
        await using (var context = RequiredOptions.Create<RequiredDbContext>(safe.ConnectionString))
        {
            report = await context.Database.MigrateSafelyAsync();
        }

        (await CatalogSnapshot.ReadAsync(safe.ConnectionString)).ToString()
            .Should().Be((await CatalogSnapshot.ReadAsync(plain.ConnectionString)).ToString());
        await AssertFilledAsync(safe.ConnectionString);
        report.Rewrites.Keys.Should().Contain(["safe-set-not-null", "batched-fill"]);
        report.Migrations[1].Statements.Where(s => s.Sql.StartsWith("DO $esm_fill$", StringComparison.Ordinal))
            .Should().HaveCount(6, "each of the three columns is filled before its helper check and once more after it")
            .And.OnlyContain(s => !s.Transactional);
        (await Journal.ReadAsync(safe.ConnectionString)).Should().OnlyContain(j => j.Status == "applied");
    }

    [Test]
    public async Task EF_shape_applies_after_plain_EF_applied_the_first_half()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = RequiredOptions.Create<RequiredDbContext>(database.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync(CreatePeopleTable.Id);
        }

        await using (var context = RequiredOptions.Create<RequiredDbContext>(database.ConnectionString))
        {
            var report = await context.Database.MigrateSafelyAsync();
            report.AppliedMigrations.Should().Equal(MakePeopleRequired.Id);
        }

        await AssertFilledAsync(database.ConnectionString);
    }

    [Test]
    public async Task EF_shape_also_applies_through_plain_MigrateAsync_with_the_rewritten_SQL()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = RequiredOptions.Create<RequiredDbContext>(database.ConnectionString))
        {
            await context.Database.MigrateAsync();
        }

        await AssertFilledAsync(database.ConnectionString);
    }

    [Test]
    public async Task Scaffolded_safe_form_applies_safely_and_under_plain_EF_tools()
    {
        await using var safe = await PostgresTestServer.CreateDatabaseAsync();
        await using var plain = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = RequiredOptions.Create<ScaffoldedRequiredDbContext>(safe.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync();
        }

        await using (var context = RequiredOptions.Create<ScaffoldedRequiredDbContext>(plain.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync();
        }

        foreach (var connectionString in new[] { safe.ConnectionString, plain.ConnectionString })
        {
            (await CountAsync(connectionString, "SELECT count(*) FROM \"People\" WHERE \"Name\" = ''")).Should().Be(NullsPerColumn);
            (await CatalogSnapshot.ReadAsync(connectionString)).Constraints.Should().NotContain(c => c.Contains("esm_nn_"));
        }
    }

    [Test]
    public async Task Older_scaffolded_form_without_a_fill_step_gets_its_fill_and_applies()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = RequiredOptions.Create<OlderScaffoldedRequiredDbContext>(database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync();
        }

        (await CountAsync(database.ConnectionString, "SELECT count(*) FROM \"People\" WHERE \"Name\" = ''")).Should().Be(NullsPerColumn);
        (await Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied");
    }

    [Test]
    public async Task A_unique_index_over_a_column_the_run_fills_is_probed_with_the_filled_value_and_stops_the_run()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = RequiredOptions.Create<RequiredUniqueDbContext>(database.ConnectionString);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreatePeopleTable.Id });

        var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();

        failure.Which.Report.Problems.Should().ContainSingle(p => p.Code == "DATA_DUPLICATES").Which.Message
            .Should().Contain($"Name= x{NullsPerColumn}").And.Contain("once the run has filled the NULLs of Name");
        (await CountAsync(database.ConnectionString, "SELECT count(*) FROM \"People\" WHERE \"Name\" IS NULL")).Should().Be(NullsPerColumn, "nothing ran");
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Indexes.Should().NotContain(i => i.Contains("IX_People_Name"));
    }

    [Test]
    public async Task The_generated_script_runs_in_psql()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        string script;
        await using (var context = RequiredOptions.Create<RequiredDbContext>(database.ConnectionString))
        {
            script = context.GetService<IMigrator>().GenerateScript();
        }

        // The fills COMMIT per batch: they run outside the script's transaction blocks (psql, autocommit, ON_ERROR_STOP).
        script.Should().Contain("DO $esm_fill$");
        var result = await Scripts.Psql.RunAsync(database.ConnectionString, script);
        result.ExitCode.Should().Be(0, result.ToString());

        await AssertFilledAsync(database.ConnectionString);
    }

    private static async Task AssertFilledAsync(string connectionString)
    {
        (await CountAsync(connectionString, "SELECT count(*) FROM \"People\" WHERE \"Name\" = ''")).Should().Be(NullsPerColumn);
        (await CountAsync(connectionString, "SELECT count(*) FROM \"People\" WHERE \"Age\" = 0")).Should().BeGreaterThanOrEqualTo(NullsPerColumn);
        (await CountAsync(connectionString, "SELECT count(*) FROM \"People\" WHERE \"JoinedAt\" = '-infinity' OR \"JoinedAt\" < '1900-01-01'"))
            .Should().Be(NullsPerColumn);
        var catalog = await CatalogSnapshot.ReadAsync(connectionString);
        catalog.Constraints.Should().NotContain(c => c.Contains("esm_nn_"), "the helper checks are dropped");
        catalog.Constraints.Should().Contain(c => c.Contains("PK_Persons"));
        catalog.Indexes.Should().NotContain(i => i.Contains("INVALID"));
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
