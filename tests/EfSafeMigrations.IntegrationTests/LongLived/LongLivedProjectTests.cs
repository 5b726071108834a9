using EfSafeMigrations.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.LongLived;

/// <summary>
/// A long-lived project's 62 migrations in EF's scaffolded shapes (<see cref="LongLivedHistory"/>): a fresh install is
/// not refused (tables created earlier in the run are new), and adopting the library halfway (plain EF applied the
/// first half, rows with NULLs were written) ends in plain EF's schema with the rows kept.
/// </summary>
public class LongLivedProjectTests
{
    private static readonly int Count = LongLivedHistory.Migrations(LongLivedDbContext.Entities).Count;

    [Test]
    public async Task A_fresh_install_applies_every_migration_without_refusal_and_ends_in_plain_EFs_schema()
    {
        await using var plain = await PostgresTestServer.CreateDatabaseAsync();
        await using var safe = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = LongLivedDbContext.Create(plain.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync();
        }

        await using (var context = LongLivedDbContext.Create(safe.ConnectionString, safe: true))
        {
            var report = await context.Database.MigrateSafelyAsync();

            report.AppliedMigrations.Should().HaveCount(Count);
            report.Problems.Should().NotContain(p => p.Check == "lint" && p.Severity != Execution.PreflightSeverity.Info && p.Code != "ESM0023" && p.Code != "ESM0027",
                "every table a migration changes was created earlier in the same run");
        }

        (await CatalogSnapshot.ReadAsync(safe.ConnectionString)).ToString().Should().Be((await CatalogSnapshot.ReadAsync(plain.ConnectionString)).ToString());
    }

    [Test]
    public async Task Adopted_halfway_the_gate_summarises_what_it_refuses_and_once_assured_the_rest_applies_over_rows_with_NULLs()
    {
        await using var plain = await PostgresTestServer.CreateDatabaseAsync();
        await using var adopted = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = LongLivedDbContext.Create(plain.ConnectionString, safe: false))
        {
            await context.Database.MigrateAsync();
        }

        await using (var context = LongLivedDbContext.Create(adopted.ConnectionString, safe: false))
        {
            await context.GetService<IMigrator>().MigrateAsync(LongLivedHistory.LastOfFirstHalf(LongLivedDbContext.Entities));
        }

        await LoadRowsAsync(adopted.ConnectionString, withNullCodes: false);

        await using (var refused = LongLivedDbContext.Create(adopted.ConnectionString, safe: true))
        {
            var failure = await FluentActions.Awaiting(() => refused.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            var lines = failure.Which.Message.Split('\n');
            lines[0].Should().Contain("nothing was applied. By code: ").And.Contain("ESM0014").And.Contain("ESM0015").And.Contain("ESM0018").And.Contain("ESM0019");
            lines.Length.Should().BeGreaterThan(LongLivedDbContext.Entities * 3, "one line per finding");
        }

        // The team reviewed them (the tables are small, no running code reads the renamed or dropped columns).
        await using (var context = LongLivedDbContext.Create(adopted.ConnectionString, safe: true, Reviewed))
        {
            var report = await context.Database.MigrateSafelyAsync();
            report.AppliedMigrations.Should().HaveCount(Count - (LongLivedHistory.FirstHalfChapters * LongLivedDbContext.Entities) - 1);
        }

        (await CatalogSnapshot.ReadAsync(adopted.ConnectionString)).ToString().Should().Be((await CatalogSnapshot.ReadAsync(plain.ConnectionString)).ToString());
        (await ScalarAsync(adopted.ConnectionString, "SELECT count(*) FROM entity_3 WHERE id > 0")).Should().Be(RowsPerTable);
    }

    [Test]
    public async Task Adopted_halfway_NULLs_in_a_column_EF_makes_required_with_a_default_are_filled_as_plain_EF_fills_them()
    {
        await using var adopted = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = LongLivedDbContext.Create(adopted.ConnectionString, safe: false))
        {
            await context.GetService<IMigrator>().MigrateAsync(LongLivedHistory.LastOfFirstHalf(LongLivedDbContext.Entities));
        }

        await LoadRowsAsync(adopted.ConnectionString, withNullCodes: true);
        await using var safe = LongLivedDbContext.Create(adopted.ConnectionString, safe: true, Reviewed);

        await safe.Database.MigrateSafelyAsync();

        (await ScalarAsync(adopted.ConnectionString, "SELECT count(*) FROM entity_0 WHERE code = ''")).Should().Be(RowsPerTable / 3);
    }

    private const long RowsPerTable = 300;

    private static void Reviewed(SafeMigrationsOptions o)
    {
        foreach (var rule in new[] { "ESM0014", "ESM0015", "ESM0018", "ESM0019" })
        {
            o.Lint.SetSeverity(rule, RuleSeverity.Warning);
        }
    }

    /// <summary>Rows as an application writes them: duplicate names, NULL notes and parents, codes NULL only when asked.</summary>
    private static async Task LoadRowsAsync(string connectionString, bool withNullCodes)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var entity = 0; entity < LongLivedDbContext.Entities; entity++)
        {
            var code = withNullCodes ? "CASE WHEN i % 3 = 0 THEN NULL ELSE 'c' || i END" : "'c' || i";
            await using var insert = new NpgsqlCommand(
                $"""
                INSERT INTO {LongLivedHistory.Table(entity)} (name, note, created_at, priority, code, parent_id)
                SELECT 'name ' || (i % 10), CASE WHEN i % 2 = 0 THEN NULL ELSE 'note ' || i END, now(), i, {code}, NULL
                FROM generate_series(1, {RowsPerTable}) AS i
                """, connection);
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
