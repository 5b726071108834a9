using EfSafeMigrations.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static EfSafeMigrations.IntegrationTests.Push.ShopContext;
using static EfSafeMigrations.IntegrationTests.Push.PushTestSupport;

namespace EfSafeMigrations.IntegrationTests.Push;

/// <summary>How a plan is applied: phases, concurrent indexes, all-or-nothing transaction, lock timeouts.</summary>
// Every test has its own databases: the cases run side by side.
[Parallelizable(ParallelScope.Children)]
public class PushApplyTests
{
    private static async Task PushBaselineWithRowsAsync(string connectionString)
    {
        await using (var baseline = Create(connectionString, "baseline", Baseline))
        {
            await baseline.Database.PushAsync(Options());
        }

        await ExecuteAsync(connectionString, """INSERT INTO people ("Name", "Age") VALUES ('Ada', 36), ('Ada', 41)""");
    }

    [Test]
    public async Task An_index_on_an_existing_table_is_built_concurrently_after_the_transaction()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PushBaselineWithRowsAsync(database.ConnectionString);
        await using var context = Create(database.ConnectionString, "name index", BaselineAnd(b => b.Entity<Person>().HasIndex(x => x.Name)));

        var plan = await context.Database.PlanPushAsync(Options());
        var index = plan.Steps.Should().ContainSingle().Which;
        index.Kind.Should().Be(PushStepKind.CreateIndexConcurrently);
        index.Sql.Should().StartWith("CREATE INDEX CONCURRENTLY \"IX_people_Name\" ON public.people ");
        index.RunsOutsideTransaction.Should().BeTrue();

        var inTransaction = await context.Database.PlanPushAsync(Options(o => o.ConcurrentIndexes = false));
        inTransaction.Steps.Should().ContainSingle().Which.Kind.Should().Be(PushStepKind.CreateIndex);
    }

    [Test]
    public async Task A_failing_concurrent_index_build_leaves_no_invalid_index_behind()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PushBaselineWithRowsAsync(database.ConnectionString);
        await using var context = Create(database.ConnectionString, "unique name", BaselineAnd(b => b.Entity<Person>().HasIndex(x => x.Name).IsUnique()));

        var push = () => context.Database.PushAsync(Options());
        (await push.Should().ThrowAsync<SafeMigrationException>()).WithInnerException<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Indexes.Should().NotContain(i => i.Contains("IX_people_Name", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_failure_inside_the_transaction_rolls_back_every_step()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PushBaselineWithRowsAsync(database.ConnectionString);
        var before = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        await using var context = Create(database.ConnectionString, "impossible check", BaselineAnd(b => b.Entity<Person>(e =>
        {
            e.Property(x => x.Nickname);
            e.ToTable(t => t.HasCheckConstraint("ck_people_young", "\"Age\" < 18"));
        })));

        var push = () => context.Database.PushAsync(Options());
        (await push.Should().ThrowAsync<SafeMigrationException>()).WithInnerException<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);

        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(before.ToString());
    }

    [Test]
    public async Task A_lock_held_by_another_session_times_out_retries_and_applies_nothing()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PushBaselineWithRowsAsync(database.ConnectionString);
        var before = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        await using var context = Create(database.ConnectionString, "nickname", BaselineAnd(b => b.Entity<Person>().Property(x => x.Nickname)));

        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM people", blocker, transaction))
        {
            await read.ExecuteScalarAsync(); // holds ACCESS SHARE, which ALTER TABLE waits for
        }

        var push = () => context.Database.PushAsync(Options(o =>
        {
            o.LockTimeout = TimeSpan.FromMilliseconds(50);
            o.MaxRetries = 1;
        }));
        (await push.Should().ThrowAsync<SafeMigrationException>()).WithInnerException<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(before.ToString());

        await transaction.RollbackAsync();
        (await context.Database.PushAsync(Options())).Applied.Should().BeTrue();
    }

    [TestCase("identity to serial")]
    [TestCase("serial to identity")]
    public async Task Switching_key_generation_keeps_the_rows_and_never_reissues_their_keys(string switchKind)
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var serial = BaselineAnd(b => b.Entity<Person>().Property(x => x.Id).UseSerialColumn());
        var (from, to) = switchKind == "identity to serial" ? ((Action<ModelBuilder>)Baseline, serial) : (serial, Baseline);
        await using (var before = Create(database.ConnectionString, switchKind + " before", from))
        {
            await before.Database.PushAsync(Options());
        }

        await ExecuteAsync(database.ConnectionString, """INSERT INTO people ("Name", "Age") VALUES ('Ada', 36), ('Alan', 41)""");
        await using var after = Create(database.ConnectionString, switchKind + " after", to);

        (await after.Database.PushAsync(Options())).Applied.Should().BeTrue();

        (await after.Database.PlanPushAsync(Options())).IsEmpty.Should().BeTrue();
        await ExecuteAsync(database.ConnectionString, """INSERT INTO people ("Name", "Age") VALUES ('Grace', 45)""");
        (await ScalarAsync(database.ConnectionString, "SELECT \"Id\" FROM people WHERE \"Name\" = 'Grace'")).Should().Be(3);
    }

    [Test]
    public async Task Changed_identity_options_are_set_without_restarting_the_sequence()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PushBaselineWithRowsAsync(database.ConnectionString);
        await using var context = Create(database.ConnectionString, "identity options",
            BaselineAnd(b => b.Entity<Person>().Property(x => x.Id).HasIdentityOptions(startValue: 500, incrementBy: 2)));

        await context.Database.PushAsync(Options());

        (await context.Database.PlanPushAsync(Options())).IsEmpty.Should().BeTrue();
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Sequences.Should().Contain("public.people_Id_seq bigint start 500 increment 2");
        await ExecuteAsync(database.ConnectionString, """INSERT INTO people ("Name", "Age") VALUES ('Grace', 45)""");
        (await ScalarAsync(database.ConnectionString, "SELECT max(\"Id\") FROM people")).Should().Be(4, "the next value follows the existing keys");
    }

    [Test]
    public async Task A_changed_generated_column_is_re_added_with_its_index_and_comment()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        Action<ModelBuilder> Generated(string expression) => BaselineAnd(b => b.Entity<Person>(e =>
        {
            e.Property(x => x.Nickname).HasComputedColumnSql(expression, stored: true).HasComment("derived");
            e.HasIndex(x => x.Nickname).HasDatabaseName("ix_people_nickname");
        }));
        await using (var before = Create(database.ConnectionString, "generated !", Generated("\"Name\" || '!'")))
        {
            await before.Database.PushAsync(Options());
        }

        await ExecuteAsync(database.ConnectionString, """INSERT INTO people ("Name", "Age") VALUES ('Ada', 36)""");
        await using var after = Create(database.ConnectionString, "generated ?", Generated("\"Name\" || '?'"));

        var result = await after.Database.PushAsync(Options());

        result.Plan.RefusedSteps.Should().BeEmpty("a generated column's values are derived, nothing is lost");
        (await after.Database.PlanPushAsync(Options())).IsEmpty.Should().BeTrue();
        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        catalog.Indexes.Should().Contain(i => i.Contains("ix_people_nickname", StringComparison.Ordinal));
        catalog.Comments.Should().Contain("public.people.Nickname derived");
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE \"Nickname\" = 'Ada?'")).Should().Be(1);
    }
}
