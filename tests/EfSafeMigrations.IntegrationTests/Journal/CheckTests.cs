using System.Text.Json;
using EfSafeMigrations.IntegrationTests.Models.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EfSafeMigrations.IntegrationTests.Journal;

/// <summary><c>CheckAsync</c>: one outcome per kind of problem, for CI.</summary>
public class CheckTests
{
    [Test]
    public async Task A_fresh_database_has_pending_migrations_and_nothing_else()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = journal.NewContext();
        context.Database.RepairJournalFile(journal.Folder);

        var result = await context.Database.CheckAsync();

        result.Outcome.Should().Be(CheckOutcome.PendingMigrations);
        result.ExitCode.Should().Be(8);
        result.Findings.Where(f => f.Severity == CheckSeverity.Error).Should().ContainSingle()
            .Which.Should().Match<CheckFinding>(f => f.Code == "PENDING_MIGRATION" && f.Subject == "20261125185442_CreateUsers");
    }

    [Test]
    public async Task A_migrated_database_is_clean_and_the_JSON_says_so()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = journal.NewContext();
        context.Database.RepairJournalFile(journal.Folder);
        await context.Database.MigrateAsync();

        var result = await context.Database.CheckAsync();

        result.Findings.Where(f => f.Severity != CheckSeverity.Info).Should().BeEmpty();
        result.Success.Should().BeTrue();
        using var json = JsonDocument.Parse(result.ToJson());
        json.RootElement.GetProperty("success").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("exitCode").GetInt32().Should().Be(0);

        var full = await context.Database.CheckAsync(o => o.ShadowConnectionString = PostgresTestServer.Server.AdminConnectionString);
        full.Findings.Where(f => f.Severity != CheckSeverity.Info).Should().BeEmpty("the push engine's comparison has no false positives on a migrated database");
    }

    [Test]
    public async Task Without_a_shadow_database_drift_compares_tables_and_columns()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = journal.NewContext();
        context.Database.RepairJournalFile(journal.Folder);
        await context.Database.MigrateAsync();
        await JournalVerificationTests.ExecuteAsync(database.AdminConnectionString, """
            ALTER TABLE users ADD COLUMN "Nick Name" text;
            ALTER TABLE users ALTER COLUMN name TYPE text;
            ALTER TABLE users ALTER COLUMN updated_at DROP NOT NULL;
            CREATE TABLE "Audit" (id int);
            """);

        var result = await context.Database.CheckAsync();

        result.Outcome.Should().Be(CheckOutcome.DatabaseDrift);
        result.Findings.Should().Contain(f => f.Code == "DRIFT_BASIC" && f.Severity == CheckSeverity.Info && f.Message.Contains("CREATEDB"),
            "the test role may not create databases");
        result.Findings.Where(f => f.Kind == CheckOutcome.DatabaseDrift && f.Severity == CheckSeverity.Error).Select(f => $"{f.Code} {f.Subject}").Should().BeEquivalentTo(
            "DRIFT_EXTRA_COLUMN public.users.Nick Name",
            "DRIFT_COLUMN_TYPE public.users.name",
            "DRIFT_COLUMN_NULLABILITY public.users.updated_at",
            "DRIFT_EXTRA_TABLE public.Audit");
        JsonDocument.Parse(result.ToJson()).RootElement.GetProperty("findings").EnumerateArray()
            .Should().Contain(f => f.GetProperty("kind").GetString() == "databaseDrift" && f.GetProperty("code").GetString() == "DRIFT_EXTRA_TABLE");
    }

    [Test]
    public async Task With_a_shadow_database_drift_uses_the_push_engine_and_sees_indexes_too()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = journal.NewContext();
        context.Database.RepairJournalFile(journal.Folder);
        await context.Database.MigrateSafelyAsync();
        await JournalVerificationTests.ExecuteAsync(database.AdminConnectionString, """
            ALTER TABLE users ADD COLUMN "Nick Name" text;
            ALTER TABLE users ALTER COLUMN updated_at DROP NOT NULL;
            DROP INDEX ix_users_email;
            """);

        var result = await context.Database.CheckAsync(o => o.ShadowConnectionString = PostgresTestServer.Server.AdminConnectionString);

        result.Outcome.Should().Be(CheckOutcome.DatabaseDrift);
        var drift = result.Findings.Where(f => f.Kind == CheckOutcome.DatabaseDrift).ToList();
        drift.Should().NotContain(f => f.Code == "DRIFT_BASIC");
        drift.Should().Contain(f => f.Code == "DRIFT_DROP_COLUMN" && f.Subject!.Contains("Nick Name"));
        drift.Should().Contain(f => f.Code == "DRIFT_ALTER_COLUMN" && f.Subject!.Contains("updated_at"));
        drift.Should().Contain(f => f.Code.StartsWith("DRIFT_CREATE_INDEX", StringComparison.Ordinal) && f.Message.Contains("ix_users_email"));
    }

    [Test]
    public async Task A_model_change_without_a_migration_is_a_pending_model_change()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        using var journal = JournalTestContext.Create(database.ConnectionString);
        await using var context = new UsersDbContext(new DbContextOptionsBuilder<UsersDbContext>()
            .UseNpgsql(database.ConnectionString)
            .UseSafeMigrations(o => o.Journal.FilePath = journal.JournalPath)
            .ReplaceService<IModelCustomizer, NicknameAdded>()
            .Options);
        context.Database.RepairJournalFile(journal.Folder);

        var result = await context.Database.CheckAsync(o => o.PendingMigrations = false);

        result.Outcome.Should().Be(CheckOutcome.PendingModelChanges);
        result.ExitCode.Should().Be(2);
    }

    [Test]
    public async Task An_edited_journal_and_an_unreachable_database_are_distinct_outcomes()
    {
        using var journal = JournalTestContext.Create("Host=127.0.0.1;Port=1;Database=nowhere;Timeout=2");
        await using var context = journal.NewContext();
        context.Database.RepairJournalFile(journal.Folder);
        await File.WriteAllTextAsync(journal.JournalPath, (await File.ReadAllTextAsync(journal.JournalPath)).Replace("\"nonTransactional\": false", "\"nonTransactional\": true", StringComparison.Ordinal));

        var result = await context.Database.CheckAsync();

        result.Outcome.Should().Be(CheckOutcome.JournalInconsistent | CheckOutcome.DatabaseUnreachable);
        result.Findings.Select(f => f.Code).Should().Equal(JournalProblemCodes.FileHashMismatch, "DATABASE_UNREACHABLE");
    }

    private sealed class NicknameAdded(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<User>().Property<string>("Nickname").HasColumnName("nickname");
        }
    }
}
