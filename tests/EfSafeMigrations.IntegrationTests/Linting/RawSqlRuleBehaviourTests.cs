using EfSafeMigrations.IntegrationTests.Models.LintBehaviour;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Db = EfSafeMigrations.IntegrationTests.SafeApply.Journal;

namespace EfSafeMigrations.IntegrationTests.Linting;

/// <summary>What ESM0044, ESM0047 and ESM0049 warn about, on a real server, next to what the linter says about the same SQL.</summary>
public class RawSqlRuleBehaviourTests
{
    [Test]
    public async Task A_non_transactional_ADD_COLUMN_stays_applied_when_a_later_step_fails_and_breaks_the_retry()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = NotesDbContext.Create(database.ConnectionString);
        await context.Database.MigrateAsync(CreateOrdersBase.Id);
        (await context.Database.LintPendingMigrationsAsync()).Findings.Should().Contain(f => f.RuleId == "ESM0047" && f.Message.Contains("ADD COLUMN note"));

        var first = await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<PostgresException>();
        first.Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        await Db.ExecuteAsync(database.ConnectionString, "UPDATE orders SET total = 0 WHERE total < 0;"); // the fix an operator makes

        var retry = await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<PostgresException>();
        retry.Which.SqlState.Should().Be(PostgresErrorCodes.DuplicateColumn, "the committed step runs again");
        (await Db.HistoryAsync(database.ConnectionString)).Should().Equal(CreateOrdersBase.Id);
    }

    [Test]
    public async Task The_repeatable_form_is_not_reported_and_the_retry_applies()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = RepeatableNotesDbContext.Create(database.ConnectionString);
        await context.Database.MigrateAsync(CreateOrdersBase.Id);
        (await context.Database.LintPendingMigrationsAsync()).Findings.Should().NotContain(f => f.RuleId == "ESM0047");

        await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<PostgresException>();
        await Db.ExecuteAsync(database.ConnectionString, "UPDATE orders SET total = 0 WHERE total < 0;");
        await context.Database.MigrateAsync();

        (await Db.HistoryAsync(database.ConnectionString)).Should().Equal(CreateOrdersBase.Id, AddNoteBase.Id);
    }

    [Test]
    public async Task A_domain_constraint_checks_every_table_using_the_domain_and_NOT_VALID_defers_that_to_VALIDATE()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await Db.ExecuteAsync(database.ConnectionString, """
            CREATE DOMAIN email AS text;
            CREATE TABLE customers (id bigint PRIMARY KEY, contact email);
            CREATE TABLE suppliers (id bigint PRIMARY KEY, contact email);
            INSERT INTO customers VALUES (1, 'a@example.com');
            INSERT INTO suppliers VALUES (1, 'no-at-sign');
            """);
        const string Plain = "ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');";
        const string NotValid = "ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') NOT VALID;";
        Lint(Plain).Should().Contain("ESM0049");
        Lint(NotValid).Should().NotContain("ESM0049");

        var plain = await FluentActions.Awaiting(() => Db.ExecuteAsync(database.ConnectionString, Plain)).Should().ThrowAsync<PostgresException>();
        plain.Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        plain.Which.MessageText.Should().Contain("suppliers", "the scan covers every table with a column of the domain");

        await Db.ExecuteAsync(database.ConnectionString, NotValid);
        var validate = await FluentActions.Awaiting(() => Db.ExecuteAsync(database.ConnectionString, "ALTER DOMAIN email VALIDATE CONSTRAINT email_has_at;"))
            .Should().ThrowAsync<PostgresException>();
        validate.Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation, "the old rows are checked later, without blocking writes meanwhile");
    }

    [Test]
    public async Task An_exclusion_constraint_holds_ACCESS_EXCLUSIVE_while_it_builds_and_has_no_NOT_VALID_form()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await Db.ExecuteAsync(database.ConnectionString, "CREATE TABLE bookings (id bigint PRIMARY KEY, room_id bigint); INSERT INTO bookings VALUES (1, 1), (2, 2);");
        const string Add = "ALTER TABLE bookings ADD CONSTRAINT ex_room EXCLUDE USING btree (room_id WITH =);";
        Lint(Add).Should().Contain("ESM0044");

        await using (var migrator = new NpgsqlConnection(database.ConnectionString))
        {
            await migrator.OpenAsync();
            await using var transaction = await migrator.BeginTransactionAsync();
            await using (var add = new NpgsqlCommand(Add, migrator, transaction))
            {
                await add.ExecuteNonQueryAsync();
            }

            // Until the migration commits, every reader and writer of the table waits.
            (await Db.ScalarAsync<string>(database.ConnectionString,
                "SELECT string_agg(mode, ',') FROM pg_locks WHERE relation = 'bookings'::regclass AND granted AND pid <> pg_backend_pid()"))
                .Should().Contain("AccessExclusiveLock");
            await transaction.RollbackAsync();
        }

        var notValid = await FluentActions.Awaiting(() => Db.ExecuteAsync(database.ConnectionString, Add.Replace(";", " NOT VALID;", StringComparison.Ordinal)))
            .Should().ThrowAsync<PostgresException>();
        notValid.Which.MessageText.Should().Contain("NOT VALID");
    }

    private static IEnumerable<string> Lint(string sql)
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.Sql(sql);
        return SafeMigrationsLinter.Lint("20260401000021_Domain", builder.Operations).Findings.Select(f => f.RuleId);
    }
}
