using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Features;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Push;

/// <summary>
/// Push creates every kind of object the model's create script can contain (collation, extensions, enum, sequence,
/// computed column, comments), on a test role that is not a superuser, exactly as a migration would.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class CreateScriptFeaturesPushTests
{
    [Test]
    public async Task The_server_has_ICU_collations()
        => (await PushTestSupport.ScalarAsync(PostgresTestServer.Server.AdminConnectionString,
            "SELECT count(*) FROM pg_collation WHERE collprovider = 'i'")).Should().BePositive("the tests below create an ICU collation");

    [Test]
    public async Task Push_creates_every_object_of_the_create_script_and_a_second_push_plans_nothing()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = new FeaturesDbContext(FeaturesDbContext.Options(database.ConnectionString));

        var first = await context.Database.PushAsync(PushTestSupport.Options());

        first.Plan.Steps.Select(s => s.Kind).Should().Contain([
            PushStepKind.CreateExtension, PushStepKind.CreateEnum, PushStepKind.CreateCollation, PushStepKind.CreateSequence,
            PushStepKind.CreateTable, PushStepKind.CreateIndex, PushStepKind.Comment]);
        first.Plan.Steps.Should().Contain(s => s.Kind == PushStepKind.CreateCollation && s.Sql.Contains("deterministic = false"));
        first.Plan.Warnings.Should().ContainSingle(w => w.Contains("public.plan_names") && w.Contains("HasData"),
            "push syncs the schema only and says so where the model has rows to seed");
        var second = await context.Database.PlanPushAsync(PushTestSupport.Options());
        second.IsEmpty.Should().BeTrue(because: "the database was just pushed; the plan was:\n{0}", second);
        second.Warnings.Should().BeEmpty();

        // What push created works: the non-deterministic collation makes the unique index case-insensitive.
        context.Add(new Member { Handle = "Ada", Email = "Ada@Example.com", Bio = "analytical engines", Plan = Plan.Team, Price = 10 });
        await context.SaveChangesAsync();
        var member = await context.Set<Member>().AsNoTracking().SingleAsync(m => m.Handle == "ADA" && m.Email == "ada@example.COM");
        member.Number.Should().Be(1000);
        member.Total.Should().Be(12.00m);
        context.Add(new Member { Handle = "aDa", Email = "other@example.com", Plan = Plan.Free });
        var duplicate = () => context.SaveChangesAsync();
        await duplicate.Should().ThrowAsync<DbUpdateException>("'aDa' equals 'Ada' under the case-insensitive collation");
    }

    [Test]
    public async Task A_pushed_database_equals_one_built_by_the_migration_for_the_same_model()
    {
        await using var migrated = await PostgresTestServer.CreateDatabaseAsync();
        await using var pushed = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = new FeaturesDbContext(FeaturesDbContext.Options(migrated.ConnectionString)))
        {
            await PushTestSupport.MigrateAsync(null, context);
        }

        await using (var context = new FeaturesDbContext(FeaturesDbContext.Options(pushed.ConnectionString)))
        {
            await context.Database.PushAsync(PushTestSupport.Options());
        }

        var expected = await CatalogSnapshot.ReadAsync(migrated.ConnectionString);
        var actual = await CatalogSnapshot.ReadAsync(pushed.ConnectionString);
        actual.ToString().Should().Be(expected.ToString());
        expected.Collations.Should().ContainSingle().Which.Should().Contain("case_insensitive i false und-u-ks-level2");
        expected.Extensions.Should().Contain(e => e.StartsWith("citext", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("pg_trgm", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_collation_defined_differently_in_the_database_is_a_problem_not_a_crash()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await PushTestSupport.ExecuteAsync(database.ConnectionString,
            "CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level1', deterministic = false)");
        await using var context = new FeaturesDbContext(FeaturesDbContext.Options(database.ConnectionString));

        var plan = await context.Database.PlanPushAsync(PushTestSupport.Options());

        plan.IsRefused.Should().BeTrue();
        plan.Problems.Should().ContainSingle().Which.Should().Contain("public.case_insensitive").And.Contain("und-u-ks-level1")
            .And.Contain("cannot change a collation");
    }
}
