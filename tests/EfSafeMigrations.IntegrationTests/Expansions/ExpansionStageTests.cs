using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.Execution;
using EfSafeMigrations.IntegrationTests.Models.Expansions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static EfSafeMigrations.IntegrationTests.Backfills.BackfillDatabase;

namespace EfSafeMigrations.IntegrationTests.Expansions;

/// <summary>
/// The three stages of each expansion on a real server with data: the expand keeps the old and the new shape written both ways
/// (the application versions are played with SQL, as EF writes: inserts naming the mapped columns, updates naming the changed
/// ones), the undo loses nothing, the contract finishes the new shape and leaves none of the expansion's objects behind.
/// </summary>
public class ExpansionStageTests
{
    [Test]
    public async Task The_expand_backfills_and_keeps_old_and_new_columns_written_by_either_version()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var report = await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Expand);
        report.Backfills.Should().HaveCount(3, "the rename, the type change and the required column each backfill");

        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE email_address IS DISTINCT FROM email")).Should().Equal("0");
        (await ColumnAsync(database.ConnectionString,
            "SELECT count(*) FROM people WHERE price_cents IS DISTINCT FROM round(price * 100)::bigint")).Should().Equal("0");
        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE country IS NULL")).Should().Equal("0");
        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE country = 'NL'")).Should().Equal("13");

        // The old version: inserts and updates name only the old columns (and leaves country NULL).
        await ExecuteAsync(database.ConnectionString, """
            INSERT INTO people (email, nick, price, country, legacy) VALUES ('old@example.org', 'o', 2.50, NULL, 'l');
            UPDATE people SET email = 'changed-by-old@example.org', price = 9.99 WHERE id = 1;
            UPDATE people SET country = NULL WHERE id = 2;
            """);
        // The new version: names only the new columns, never legacy.
        await ExecuteAsync(database.ConnectionString, """
            INSERT INTO people (email_address, nick, price_cents, country) VALUES ('new@example.org', 'n', 399, 'DE');
            UPDATE people SET email_address = 'changed-by-new@example.org', price_cents = 1234 WHERE id = 3;
            """);

        (await ColumnAsync(database.ConnectionString, """
            SELECT concat_ws('|', email, email_address, price, price_cents, country, legacy) FROM people
            WHERE id IN (1, 2, 3) OR email_address IN ('old@example.org', 'new@example.org') ORDER BY id
            """)).Should().Equal(
            "changed-by-old@example.org|changed-by-old@example.org|9.99|999|BE|legacy1",
            "u2@example.org|u2@example.org|2.50|250|NL|legacy2",
            "changed-by-new@example.org|changed-by-new@example.org|12.34|1234|NL|legacy3",
            "old@example.org|old@example.org|2.50|250|NL|l",
            "new@example.org|new@example.org|3.99|399|DE|");
        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE email_address IS DISTINCT FROM email")).Should().Equal("0");
    }

    [Test]
    public async Task The_undo_after_both_versions_wrote_leaves_the_old_shape_with_every_value_and_no_expansion_objects()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Create);
        var created = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Expand);
        await ExecuteAsync(database.ConnectionString, """
            INSERT INTO people (email_address, nick, price_cents, country) VALUES ('new@example.org', 'n', 399, 'DE');
            UPDATE people SET email_address = 'changed-by-new@example.org', price_cents = 1234 WHERE id = 3;
            INSERT INTO people (email, price, legacy) VALUES ('old@example.org', 1.00, 'l');
            """);

        await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Create);

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(created.ToString(), "the undo removes what the expand added");
        (await ColumnAsync(database.ConnectionString, """
            SELECT concat_ws('|', email, price, legacy) FROM people WHERE id = 3 OR email IN ('new@example.org', 'old@example.org') ORDER BY id
            """)).Should().Equal("changed-by-new@example.org|12.34|legacy3", "new@example.org|3.99|", "old@example.org|1.00|l");
        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'esm\\_x\\_%'")).Should().Equal("0");
    }

    [Test]
    public async Task The_contract_finishes_the_new_columns_and_leaves_nothing_of_the_expansion()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Expand);
        await ExecuteAsync(database.ConnectionString, "INSERT INTO people (email_address, price_cents, country) VALUES ('new@example.org', 399, 'DE')");

        var report = await MigrateAsync<PeopleDbContext>(database.ConnectionString, target: null, postDeployment: true);
        report.AppliedMigrations.Should().Equal(ExpansionIds.Contract);

        (await ColumnAsync(database.ConnectionString, """
            SELECT column_name || ' ' || is_nullable || ' ' || COALESCE(column_default, '-') FROM information_schema.columns
            WHERE table_name = 'people' ORDER BY ordinal_position
            """)).Should().Equal("id NO -", "nick YES -", "country NO -", "email_address NO ''::text", "price_cents YES -");
        (await ColumnAsync(database.ConnectionString, """
            SELECT count(*) FROM pg_class WHERE relname LIKE 'esm\_x\_%'
            UNION ALL SELECT count(*) FROM pg_proc WHERE proname LIKE 'esm\_x\_%'
            UNION ALL SELECT count(*) FROM pg_constraint WHERE conname LIKE 'esm\_nn\_%'
            UNION ALL SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'esm\_x\_%'
            """)).Should().Equal("0", "0", "0", "0");
        await ExecuteAsync(database.ConnectionString, "INSERT INTO people (nick, country) VALUES ('after', 'FR')");
        (await ColumnAsync(database.ConnectionString, "SELECT email_address FROM people WHERE nick = 'after'")).Should().Equal(string.Empty);
    }

    [Test]
    public async Task A_contract_while_the_old_version_still_writes_is_refused_before_anything_of_it_runs()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Expand);

        using var stop = new CancellationTokenSource();
        var oldVersion = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await using var write = new NpgsqlCommand($"UPDATE people SET email = 'old-{i}@example.org' WHERE id = 4", connection);
                await write.ExecuteNonQueryAsync();
                await Task.Delay(50);
            }
        });

        await using (var context = ExpansionContexts.Create<PeopleDbContext>(database.ConnectionString, postDeployment: true, quietPeriod: TimeSpan.FromSeconds(1)))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Message.Should().Contain("rename column people.email to email_address").And.Contain("old application version still writes");
            failure.Which.Report.Problems.Should().Contain(p => p.Code == "ExpansionOldVersionWrites" && p.Severity == PreflightSeverity.Error);
        }

        await stop.CancelAsync();
        await oldVersion;
        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'email'"))
            .Should().Equal(["1"], "nothing of the contract ran");

        var report = await MigrateAsync<PeopleDbContext>(database.ConnectionString, target: null, postDeployment: true, quietPeriod: TimeSpan.FromSeconds(1));
        report.AppliedMigrations.Should().Equal([ExpansionIds.Contract], "the old version stopped writing");
    }

    [TestCase("CREATE VIEW people_emails AS SELECT id, email FROM people", "view people_emails")]
    [TestCase("""
        CREATE FUNCTION audit_email() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER audit_email BEFORE UPDATE OF email ON people FOR EACH ROW EXECUTE FUNCTION audit_email();
        """, "trigger audit_email on table people")]
    public async Task Objects_still_using_the_old_column_stop_the_contract_before_any_of_it_runs(string create, string named)
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Expand);
        await ExecuteAsync(database.ConnectionString, create);
        var catalog = (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString();

        await using (var context = ExpansionContexts.Create<PeopleDbContext>(database.ConnectionString, postDeployment: true))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Report.Problems.Should().Contain(p => p.Code == "ExpansionColumnInUse" && p.Severity == PreflightSeverity.Error
                && p.Message.Contains(named) && p.Message.Contains("still use(s) people.email"));
        }

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(catalog);
    }

    [Test]
    public async Task Reverting_a_contract_is_refused_before_anything_is_reverted_and_the_undo_itself_refuses_once_the_old_column_is_gone()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync<PeopleDbContext>(database.ConnectionString, target: null, postDeployment: true);
        var catalog = (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString();

        await using (var context = ExpansionContexts.Create<PeopleDbContext>(database.ConnectionString, postDeployment: true))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ExpansionIds.Create }))
                .Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Report.Problems.Should().Contain(p => p.Code == "ExpansionContractReverted" && p.MigrationId == ExpansionIds.Contract);
        }

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(catalog);

        // Past the gate (the contract's history row deleted by hand), the undo's own guard keeps the only copy.
        await ExecuteAsync(database.ConnectionString, $"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{ExpansionIds.Contract}'");
        await using (var context = ExpansionContexts.Create<PeopleDbContext>(database.ConnectionString))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ExpansionIds.Create }))
                .Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Message.Should().Contain("retire column people.legacy: the column was dropped by its contract").And.NotContain("..");
        }

        (await ColumnAsync(database.ConnectionString, "SELECT count(email_address) FROM people")).Should().Equal("40");
    }

    [Test]
    public async Task Indexes_and_constraints_of_the_old_column_must_have_copies_on_the_new_one_before_the_contract()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync<AccountsExpansionDbContext>(database.ConnectionString, ExpansionIds.Create);
        var expand = await MigrateAsync<AccountsExpansionDbContext>(database.ConnectionString, ExpansionIds.Expand);
        expand.Problems.Should().ContainSingle(p => p.Code == "ExpansionIndexesNotCopied").Which.Message
            .Should().Contain("FOREIGN KEY (owner) REFERENCES accounts(id)").And.NotContain("email");

        await using (var context = ExpansionContexts.Create<AccountsExpansionDbContext>(database.ConnectionString, postDeployment: true))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Report.Problems.Should().ContainSingle(p => p.Code == "ExpansionIndexesNotCopied" && p.Severity == PreflightSeverity.Error)
                .Which.Message.Should().Contain("owner lacks");
        }

        await ExecuteAsync(database.ConnectionString, "ALTER TABLE accounts ADD FOREIGN KEY (owner) REFERENCES accounts (id) NOT VALID");
        await MigrateAsync<AccountsExpansionDbContext>(database.ConnectionString, target: null, postDeployment: true);
        await FluentActions.Awaiting(() => ExecuteAsync(database.ConnectionString, "INSERT INTO accounts (id, email_address) VALUES (99, 'a2@example.org')"))
            .Should().ThrowAsync<Npgsql.PostgresException>().Where(e => e.SqlState == "23505", "the unique index was copied");
    }

    [Test]
    public async Task A_contract_naming_another_change_than_its_expand_is_refused()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync<MismatchedContractDbContext>(database.ConnectionString, ExpansionIds.Expand);
        await using var context = ExpansionContexts.Create<MismatchedContractDbContext>(database.ConnectionString, postDeployment: true);
        var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
        failure.Which.Report.Problems.Should().Contain(p => p.Code == "ExpansionNotOpen");
    }

    [Test]
    public async Task A_rename_keeps_a_case_insensitive_collation_and_carries_case_only_changes()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        try
        {
            await ExecuteAsync(database.ConnectionString, "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
        }
        catch (Npgsql.PostgresException e)
        {
            Assert.Ignore($"This server has no ICU collations ({e.MessageText}).");
        }

        await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Create);
        await ExecuteAsync(database.ConnectionString, "ALTER TABLE people ALTER COLUMN email TYPE text COLLATE ci");
        await MigrateAsync<PeopleDbContext>(database.ConnectionString, ExpansionIds.Expand);

        (await ColumnAsync(database.ConnectionString, "SELECT collation_name FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'email_address'"))
            .Should().Equal("ci");
        await ExecuteAsync(database.ConnectionString, "UPDATE people SET email = upper(email) WHERE id = 1; UPDATE people SET email_address = upper(email_address) WHERE id = 2;");
        (await ColumnAsync(database.ConnectionString, "SELECT email || ' ' || email_address FROM people WHERE id IN (1, 2) ORDER BY id"))
            .Should().Equal("U1@EXAMPLE.ORG U1@EXAMPLE.ORG", "U2@EXAMPLE.ORG U2@EXAMPLE.ORG");
    }

    [Test]
    public async Task A_table_rename_leaves_an_updatable_view_with_the_grants_under_the_old_name_until_the_contract()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync<CustomersDbContext>(database.ConnectionString, ExpansionIds.Expand);

        (await ColumnAsync(database.ConnectionString, "INSERT INTO customers (name) VALUES ('through the view') RETURNING id || ' ' || since")).Should().Equal("6 2020-01-01");
        await ExecuteAsync(database.ConnectionString, "UPDATE customers SET name = 'renamed' WHERE id = 1; INSERT INTO clients (name) VALUES ('new version');");
        (await ColumnAsync(database.ConnectionString, "SELECT name FROM customers ORDER BY id")).Should().Equal("renamed", "c2", "c3", "c4", "c5", "through the view", "new version");
        (await ColumnAsync(database.ConnectionString, """
            SELECT string_agg(privilege_type, ',' ORDER BY privilege_type) FROM information_schema.role_table_grants WHERE table_name = 'customers' AND grantee = 'PUBLIC'
            """)).Should().Equal("INSERT,SELECT");

        await MigrateAsync<CustomersDbContext>(database.ConnectionString, ExpansionIds.Create);
        (await ColumnAsync(database.ConnectionString, "SELECT relkind::text FROM pg_class WHERE relname IN ('customers', 'clients')")).Should().Equal("r");
        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM customers")).Should().Equal("7");

        await MigrateAsync<CustomersDbContext>(database.ConnectionString, target: null, postDeployment: true);
        (await ColumnAsync(database.ConnectionString, "SELECT relname || ' ' || relkind::text FROM pg_class WHERE relname IN ('customers', 'clients')")).Should().Equal("clients r");
    }

    [TestCase(typeof(NameTakenDbContext), "ExpansionNameTaken", "column nick already exists")]
    [TestCase(typeof(NoConversionDbContext), "ExpansionNoConversion", "cannot cast type boolean to date")]
    [TestCase(typeof(BadRowsDbContext), "ExpansionRowsNotConvertible", "invalid input syntax for type integer")]
    [TestCase(typeof(NoKeyExpansionDbContext), "BackfillWithoutKey", "no primary key")]
    [TestCase(typeof(PrimaryKeyExpansionDbContext), "ExpansionPrimaryKeyColumn", "part of the primary key")]
    [TestCase(typeof(WrongTypeDbContext), "ExpansionTypeMismatch", "declares email as varchar(20) (character varying(20)), but the column is text")]
    public async Task Bad_input_is_refused_before_anything_of_the_run_executes(Type contextType, string code, string message)
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = Create(contextType, database.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ExpansionIds.Create });
        }

        var catalog = (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString();
        await using (var context = Create(contextType, database.ConnectionString))
        {
            var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();
            failure.Which.Report.Problems.Should().Contain(p => p.Code == code && p.Severity == PreflightSeverity.Error && p.Message.Contains(message));
        }

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(catalog, "nothing of the expand may run");
    }

    private static DbContext Create(Type contextType, string connectionString)
        => (DbContext)typeof(ExpansionContexts).GetMethod(nameof(ExpansionContexts.Create))!.MakeGenericMethod(contextType)
            .Invoke(null, [connectionString, false, null])!;

    private static async Task<SafeMigrationReport> MigrateAsync<TContext>(
        string connectionString, string? target, bool postDeployment = false, TimeSpan? quietPeriod = null)
        where TContext : DbContext
    {
        await using var context = ExpansionContexts.Create<TContext>(connectionString, postDeployment, quietPeriod);
        return await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = target });
    }
}
