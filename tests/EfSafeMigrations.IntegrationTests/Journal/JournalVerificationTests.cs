using EfSafeMigrations.Execution;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using EfSafeMigrations.Journal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Journal;

/// <summary>The journal verification against a real database: adoption of plain-EF history, edited applied migrations, repair.</summary>
public class JournalVerificationTests
{
    private const string CreateUsers = "20261125185442_CreateUsers";

    [Test]
    public async Task A_database_migrated_by_plain_EF_is_adopted_as_a_baseline_by_MigrateSafelyAsync_without_failing()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = journal.NewContext();
        context.Database.RepairJournalFile(journal.Folder);
        await PlainEfMigrateAsync(journal); // before EfSafeMigrations was installed

        var report = await context.Database.MigrateSafelyAsync();

        report.Problems.Should().ContainSingle().Which.Should().Match<PreflightProblem>(p =>
            p.Code == JournalProblemCodes.Adopted && p.Severity == PreflightSeverity.Info && p.Message.Contains(CreateUsers));
        var rows = await QueryAsync(database.ConnectionString, "SELECT migration_id || ' ' || status || ' ' || checksum FROM \"__EfSafeMigrationsJournal\"");
        rows.Should().Equal($"{CreateUsers} baseline {MigrationChecksum.Compute(CompiledCreateUsers(context))}");
        (await context.Database.MigrateSafelyAsync()).Problems.Should().BeEmpty("adoption happens once, and the baseline verifies");
    }

    [Test]
    public async Task A_dry_run_reports_the_adoption_but_writes_nothing()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = journal.NewContext();
        context.Database.RepairJournalFile(journal.Folder);
        await PlainEfMigrateAsync(journal);

        var report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { DryRun = true });

        report.Problems.Should().ContainSingle(p => p.Code == JournalProblemCodes.Adopted).Which.Message.Should().Contain("will be adopted");
        (await QueryAsync(database.ConnectionString, "SELECT to_regclass('\"__EfSafeMigrationsJournal\"')::text")).Should().Equal([null]);
    }

    [Test]
    public async Task An_applied_migration_that_was_edited_is_refused_by_name_and_the_repair_accepts_it()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = journal.NewContext();
        context.Database.RepairJournalFile(journal.Folder);
        await context.Database.MigrateAsync();
        await journal.PreflightAsync(context);

        var problems = await journal.PreflightAsync(context, Edited);

        problems.Select(p => (p.Code, p.MigrationId, p.Severity)).Should().BeEquivalentTo(new[]
        {
            (JournalProblemCodes.Edited, CreateUsers, PreflightSeverity.Error),
            (JournalProblemCodes.AppliedEdited, CreateUsers, PreflightSeverity.Error),
        });
        problems.Single(p => p.Code == JournalProblemCodes.AppliedEdited).Message.Should().Contain($"'{CreateUsers}' was edited after it was applied");

        // The repair records the compiled checksum; here the "edit" is simulated, so put the edited checksum in place by hand first.
        await ExecuteAsync(database.ConnectionString, $"UPDATE \"__EfSafeMigrationsJournal\" SET checksum = 'stale' WHERE migration_id = '{CreateUsers}'");
        (await journal.PreflightAsync(context)).Should().ContainSingle(p => p.Code == JournalProblemCodes.AppliedEdited);
        var repaired = await context.Database.RepairJournalAsync(o => o.AcceptedMigrationIds.Add(CreateUsers));

        repaired.Changes.Should().Equal($"accepted the edit of {CreateUsers} in the database journal");
        (await journal.PreflightAsync(context)).Should().BeEmpty();
    }

    [Test]
    public async Task A_hand_broken_journal_file_stops_MigrateSafelyAsync_naming_the_file_and_nothing_is_applied()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await File.WriteAllTextAsync(journal.JournalPath, "{ \"formatVersion\": 1, \"entries\": [ }\n");
        await using var context = journal.NewContext();

        var run = () => context.Database.MigrateSafelyAsync();

        var error = (await run.Should().ThrowAsync<SafeMigrationException>()).Which;
        error.Message.Should().Contain(JournalProblemCodes.FileMalformed).And.Contain(journal.JournalPath + "(1)").And.Contain("not valid JSON");
        error.Report.Problems.Should().Contain(p => p.Code == JournalProblemCodes.FileMalformed && p.Severity == PreflightSeverity.Error);
        (await context.Database.GetAppliedMigrationsAsync()).Should().BeEmpty();
        (await QueryAsync(database.ConnectionString, "SELECT to_regclass('users')::text")).Should().Equal([null]);
    }

    [Test]
    public async Task Without_a_journal_file_verification_warns_and_carries_on()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = journal.NewContext(o => o.Journal.FilePath = null);

        var problems = await journal.PreflightAsync(context);

        problems.Should().ContainSingle().Which.Should().Match<PreflightProblem>(p => p.Code == JournalProblemCodes.FileNotFound && p.Severity == PreflightSeverity.Warning);
    }

    private static Migration CompiledCreateUsers(DbContext context)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        return assembly.CreateMigration(assembly.Migrations[CreateUsers], context.Database.ProviderName!);
    }

    /// <summary>The same migration with one more operation, as if someone edited the file after applying it.</summary>
    private static Migration Edited(string id, Migration migration)
        => new EditedMigration([.. migration.UpOperations, new SqlOperation { Sql = "SELECT 1;" }]);

    private sealed class EditedMigration(List<MigrationOperation> operations) : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Operations.AddRange(operations);
    }

    internal static async Task<List<string?>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return rows;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>EF's own migrator (a context that opted out of routing), as a project migrated before installing EfSafeMigrations.</summary>
    private static async Task PlainEfMigrateAsync(JournalTestContext journal)
    {
        await using var plain = journal.NewContext(o => o.Deployment.RouteMigrate = false);
        await plain.Database.MigrateAsync();
    }
}
