using EfSafeMigrations.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EfSafeMigrations.IntegrationTests.Push.ShopContext;
using static EfSafeMigrations.IntegrationTests.Push.PushTestSupport;

namespace EfSafeMigrations.IntegrationTests.Push;

/// <summary>Push never loses data unless told object by object, never truncates, and a dry run changes nothing.</summary>
// Every test has its own databases: the cases run side by side.
[Parallelizable(ParallelScope.Children)]
public class DataLossPushTests
{
    private const string InsertRows = """
        INSERT INTO people ("Name", "Email", "Age", "Mood") VALUES ('Ada', 'ada@example.com', 36, 'happy'), ('Alan', NULL, 41, NULL);
        INSERT INTO pets ("PersonId", "Name") SELECT "Id", 'Rex' FROM people WHERE "Name" = 'Ada';
        """;

    private static async Task<Infrastructure.CatalogSnapshot> SeededBaselineAsync(EfSafeMigrations.ThrowawayPostgres.ThrowawayDatabase database)
    {
        await using var context = Create(database.ConnectionString, "baseline", Baseline);
        await context.Database.PushAsync(Options());
        await ExecuteAsync(database.ConnectionString, InsertRows);
        return await CatalogSnapshot.ReadAsync(database.ConnectionString);
    }

    [Test]
    public async Task Dropping_a_column_is_refused_without_the_allow_list_and_keeps_the_data()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var before = await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "no age", BaselineAnd(b => b.Entity<Person>().Ignore(x => x.Age)));

        var refused = () => context.Database.PushAsync(Options());
        var failure = await refused.Should().ThrowAsync<PushRefusedException>();
        failure.WithMessage("*\"column public.people.Age\"*drops column*");
        failure.Which.Plan!.RefusedSteps.Should().ContainSingle(s => s.Kind == PushStepKind.DropColumn);
        failure.Which.Plan!.Warnings.Should().Contain(w => w.StartsWith("ESM", StringComparison.Ordinal) && w.Contains("Age", StringComparison.Ordinal),
            "the rule catalogue reviews push plans too");
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(before.ToString());
        (await ScalarAsync(database.ConnectionString, "SELECT sum(\"Age\") FROM people")).Should().Be(77);

        var allowed = await context.Database.PushAsync(Options(o => o.AllowDataLoss.Add("column people.Age")));
        allowed.Applied.Should().BeTrue();
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people")).Should().Be(2);
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Columns.Should().NotContain(c => c.StartsWith("public.people.Age ", StringComparison.Ordinal));
    }

    [Test]
    public async Task Dropping_a_table_is_refused_without_the_allow_list_and_never_truncates()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "no pets", BaselineAnd(b => b.Ignore<Pet>()));

        var refused = () => context.Database.PushAsync(Options(o => o.AllowDataLoss.Add("column public.pets.Name")));
        (await refused.Should().ThrowAsync<PushRefusedException>()).WithMessage("*\"table public.pets\"*");
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM pets")).Should().Be(1);

        await context.Database.PushAsync(Options(o => o.AllowDataLoss.Add("table public.pets")));
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Tables.Should().Equal("public.people r");
    }

    [Test]
    public async Task A_narrowing_type_change_is_refused_without_the_allow_list()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var before = await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "short names", BaselineAnd(b => b.Entity<Person>().Property(x => x.Name).HasMaxLength(10)));

        var plan = await context.Database.PlanPushAsync(Options());
        plan.RefusedSteps.Should().ContainSingle().Which.AllowListEntry.Should().Be("column public.people.Name");
        var refused = () => context.Database.PushAsync(Options());
        await refused.Should().ThrowAsync<PushRefusedException>();
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(before.ToString());

        await context.Database.PushAsync(Options(o => o.AllowDataLoss.Add("column public.people.Name")));
        (await context.Database.PlanPushAsync(Options())).IsEmpty.Should().BeTrue();
    }

    [Test]
    public async Task Widening_a_type_needs_no_allow_list()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "long ages", BaselineAnd(b => b.Entity<Person>(e =>
        {
            e.Property(x => x.Name).HasColumnType("text");
            e.Property(x => x.Age).HasColumnType("bigint");
        })));

        var result = await context.Database.PushAsync(Options());
        result.Plan.Steps.Should().OnlyContain(s => s.DataLoss == null);
        (await ScalarAsync(database.ConnectionString, "SELECT sum(\"Age\") FROM people")).Should().Be(77);
    }

    [Test]
    public async Task A_NOT_NULL_column_without_default_on_a_table_with_rows_is_refused_then_filled_with_the_CLR_default()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "required nickname",
            BaselineAnd(b => b.Entity<Person>().Property(x => x.Nickname).IsRequired()));

        var refused = () => context.Database.PushAsync(Options());
        (await refused.Should().ThrowAsync<PushRefusedException>()).WithMessage("*\"column public.people.Nickname\"*NOT NULL*");
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people")).Should().Be(2);

        await context.Database.PushAsync(Options(o => o.AllowDataLoss.Add("column public.people.Nickname")));
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE \"Nickname\" = ''")).Should().Be(2);
        (await context.Database.PlanPushAsync(Options())).IsEmpty.Should().BeTrue("the temporary default is gone");
    }

    [Test]
    public async Task A_NOT_NULL_column_added_to_an_empty_table_needs_no_allow_list()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var baseline = Create(database.ConnectionString, "baseline", Baseline))
        {
            await baseline.Database.PushAsync(Options());
        }

        await using var context = Create(database.ConnectionString, "required nickname",
            BaselineAnd(b => b.Entity<Person>().Property(x => x.Nickname).IsRequired()));
        var result = await context.Database.PushAsync(Options());
        result.Plan.Steps.Should().ContainSingle(s => s.Kind == PushStepKind.AddColumn).Which.DataLoss.Should().BeNull();
    }

    [Test]
    public async Task Making_a_column_with_NULLs_required_is_refused_then_fills_the_NULLs()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "required email",
            BaselineAnd(b => b.Entity<Person>().Property(x => x.Email).IsRequired()));

        var refused = () => context.Database.PushAsync(Options());
        (await refused.Should().ThrowAsync<PushRefusedException>()).WithMessage("*\"column public.people.Email\"*NULL values*");

        await context.Database.PushAsync(Options(o => o.AllowDataLoss.Add("column public.people.Email")));
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE \"Email\" = ''")).Should().Be(1);
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE \"Email\" = 'ada@example.com'")).Should().Be(1);
    }

    [Test]
    public async Task A_dry_run_returns_the_plan_and_leaves_the_database_unchanged()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var before = await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "many changes", b =>
        {
            Baseline(b, ["happy", "sad", "angry"]);
            b.Ignore<Pet>();
            b.Entity<Person>(e =>
            {
                e.Property(x => x.Nickname);
                e.HasIndex(x => x.Name);
                e.ToTable("people", "crm");
            });
            b.Entity<Toy>();
        });

        var result = await context.Database.PushAsync(Options(o => o.DryRun = true));

        result.Applied.Should().BeFalse();
        result.ExecutedSteps.Should().Be(0);
        result.Plan.Steps.Should().Contain(s => s.Kind == PushStepKind.AddEnumValue)
            .And.Contain(s => s.Kind == PushStepKind.CreateSchema)
            .And.Contain(s => s.Kind == PushStepKind.CreateTable);
        result.Plan.RefusedSteps.Should().NotBeEmpty("the dry run reports what a real push would refuse");
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).ToString().Should().Be(before.ToString());
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM pets")).Should().Be(1);
    }

    [Test]
    public async Task A_rename_hint_keeps_the_rows_of_a_renamed_table_and_column()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "renamed", BaselineAnd(b =>
        {
            b.Entity<Pet>().ToTable("animals");
            b.Entity<Pet>().Property(x => x.Name).HasColumnName("pet_name");
        }));

        var withoutHints = await context.Database.PlanPushAsync(Options());
        withoutHints.RefusedSteps.Select(s => s.AllowListEntry).Should().Contain("table public.pets");

        var options = Options(o => o.RenameTable("pets", "animals").RenameColumn("animals", "Name", "pet_name"));
        var result = await context.Database.PushAsync(options);
        result.Plan.Steps.Should().Contain(s => s.Kind == PushStepKind.RenameTable).And.Contain(s => s.Kind == PushStepKind.RenameColumn);
        result.Plan.Steps.Should().NotContain(s => s.Kind == PushStepKind.DropTable || s.Kind == PushStepKind.DropColumn);
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM animals WHERE pet_name = 'Rex'")).Should().Be(1);

        // The same options again: the hints are already applied and the plan is empty.
        (await context.Database.PlanPushAsync(options)).IsEmpty.Should().BeTrue();
    }

    [Test]
    public async Task Removing_an_enum_value_that_rows_still_use_is_a_problem_push_does_not_solve()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await SeededBaselineAsync(database);
        await using var context = Create(database.ConnectionString, "no happy", b => Baseline(b, ["sad"]));

        var plan = await context.Database.PlanPushAsync(Options());
        plan.Problems.Should().ContainSingle().Which.Should().Contain("public.mood").And.Contain("public.people.Mood");
        var refused = () => context.Database.PushAsync(Options());
        (await refused.Should().ThrowAsync<PushRefusedException>()).WithMessage("*removes happy*still has rows*");
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE \"Mood\" = 'happy'")).Should().Be(1);
    }

    [TestCase("removed", new[] { "happy" })]
    [TestCase("reordered", new[] { "sad", "happy" })]
    public async Task Enum_values_removed_or_reordered_re_create_the_type_and_keep_the_rows(string change, string[] labels)
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        void WithMoodIndex(ModelBuilder b, string[] moods)
        {
            Baseline(b, moods);
            b.Entity<Person>(e =>
            {
                e.Property(x => x.Mood).HasDefaultValueSql("'happy'::mood");
                e.HasIndex(x => x.Name).HasFilter("\"Mood\" = 'happy'::mood").HasDatabaseName("ix_people_happy");
            });
        }

        await using (var before = Create(database.ConnectionString, "mood index", b => WithMoodIndex(b, ["happy", "sad"])))
        {
            await before.Database.PushAsync(Options());
        }

        await ExecuteAsync(database.ConnectionString, InsertRows);
        await using var context = Create(database.ConnectionString, "mood index " + change, b => WithMoodIndex(b, labels));

        var result = await context.Database.PushAsync(Options());

        result.Plan.Steps.Should().Contain(s => s.Kind == PushStepKind.CreateEnum).And.NotContain(s => s.DataLoss != null);
        (await context.Database.PlanPushAsync(Options())).IsEmpty.Should().BeTrue();
        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString);
        catalog.Enums.Should().Equal("public.mood " + string.Join(",", labels));
        catalog.Indexes.Should().Contain(i => i.Contains("ix_people_happy", StringComparison.Ordinal));
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people WHERE \"Mood\" = 'happy'")).Should().Be(1);
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM people")).Should().Be(2);
    }

    [Test]
    public async Task Bad_allow_list_entries_and_rename_hints_are_rejected_with_the_expected_form()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = Create(database.ConnectionString, "baseline", Baseline);

        var badAllow = () => context.Database.PushAsync(Options(o => o.AllowDataLoss.Add("people")));
        (await badAllow.Should().ThrowAsync<ArgumentException>()).WithMessage("*\"people\"*\"table schema.table\"*");
        var badRename = () => context.Database.PushAsync(Options(o => o.Renames.Add("people => persons")));
        (await badRename.Should().ThrowAsync<ArgumentException>()).WithMessage("*\"people => persons\"*table [schema.]old -> [schema.]new*");
    }

    [Test]
    public async Task Without_CREATEDB_or_a_shadow_connection_push_says_how_to_fix_it()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = Create(database.ConnectionString, "baseline", Baseline);

        var push = () => context.Database.PushAsync(new PushOptions());
        (await push.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*CREATEDB*ShadowConnectionString*")
            .Which.Message.Should().NotContain(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Password!);
    }

    [Test]
    public async Task With_CREATEDB_the_application_role_builds_its_own_shadow_database()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await ExecuteAsync(PostgresTestServer.Server.AdminConnectionString, $"ALTER ROLE \"{database.Role}\" CREATEDB");
        await using var context = Create(database.ConnectionString, "baseline", Baseline);

        var result = await context.Database.PushAsync(new PushOptions());

        result.Applied.Should().BeTrue();
        // Its shadow database would be owned by the role too: only the role's own database is left.
        (await ScalarAsync(PostgresTestServer.Server.AdminConnectionString,
            $"SELECT count(*) FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '{database.Role}')")).Should().Be(1);
    }

    [Test]
    public async Task A_renamed_table_with_a_serial_key_keeps_its_sequence_position()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var serial = BaselineAnd(b => b.Entity<Pet>().Property(x => x.Id).UseSerialColumn());
        await using (var before = Create(database.ConnectionString, "serial pets", serial))
        {
            await before.Database.PushAsync(Options());
        }

        await ExecuteAsync(database.ConnectionString, InsertRows);
        await using var context = Create(database.ConnectionString, "serial animals", b =>
        {
            serial(b);
            b.Entity<Pet>().ToTable("animals", "zoo");
        });

        var result = await context.Database.PushAsync(Options(o => o.RenameTable("public.pets", "zoo.animals")));

        result.Plan.Steps.Should().Contain(s => s.Kind == PushStepKind.RenameSequence && s.Sql.Contains("RENAME TO \"animals_Id_seq\"", StringComparison.Ordinal));
        (await context.Database.PlanPushAsync(Options())).IsEmpty.Should().BeTrue();
        await ExecuteAsync(database.ConnectionString, """INSERT INTO zoo.animals ("PersonId", "Name") SELECT "Id", 'Tom' FROM people WHERE "Name" = 'Alan'""");
        (await ScalarAsync(database.ConnectionString, "SELECT max(\"Id\") FROM zoo.animals")).Should().Be(2);
    }
}
