using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Rich;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Push;

/// <summary>Push with the rich model: accuracy (no spurious diffs) and equality with migrations.</summary>
// Every test has its own databases: the cases run side by side.
[Parallelizable(ParallelScope.Children)]
public class RichModelPushTests
{
    [Test]
    public async Task Pushing_the_rich_model_twice_gives_an_empty_second_plan()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = new RichDbContext(RichDbContext.Options(database.ConnectionString, await ServerVersion.MajorAsync()));

        var first = await context.Database.PushAsync(PushTestSupport.Options());
        first.Applied.Should().BeTrue();
        first.Plan.Steps.Should().Contain(s => s.Kind == PushStepKind.CreateTable);

        var second = await context.Database.PlanPushAsync(PushTestSupport.Options());
        second.IsEmpty.Should().BeTrue(because: "the database was just pushed; the plan was:\n{0}", second);
        second.Warnings.Should().BeEmpty();

        // The same context can use what push created, enums included.
        var tenant = new Tenant { Name = "Acme" };
        context.Add(tenant);
        await context.SaveChangesAsync();
        context.Add(new User { TenantId = tenant.Id, Email = "ada@example.com", Status = UserStatus.Active, Tags = ["admin"] });
        context.Add(new Customer { Name = "Globex", Tier = CustomerTier.Pro, Addresses = [new PostalAddress { City = "Springfield" }] });
        await context.SaveChangesAsync();
        (await context.Set<User>().CountAsync(u => u.Status == UserStatus.Active)).Should().Be(1);
    }

    [Test]
    public async Task A_database_pushed_from_the_rich_model_equals_one_migrated_with_its_migration()
    {
        await RequireRichModelFeaturesAsync();
        await using var migrated = await PostgresTestServer.CreateDatabaseAsync();
        await using var pushed = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = new RichDbContext(RichDbContext.Options(migrated.ConnectionString)))
        {
            await context.Database.MigrateAsync();
        }

        await using (var context = new RichDbContext(RichDbContext.Options(pushed.ConnectionString)))
        {
            await context.Database.PushAsync(PushTestSupport.Options());
        }

        var expected = await CatalogSnapshot.ReadAsync(migrated.ConnectionString);
        var actual = await CatalogSnapshot.ReadAsync(pushed.ConnectionString);
        actual.ToString().Should().Be(expected.ToString());
        expected.Tables.Should().HaveCountGreaterThanOrEqualTo(30);
    }

    [Test]
    public async Task A_migrated_database_gives_an_empty_plan_and_push_refuses_it_unless_forced()
    {
        await RequireRichModelFeaturesAsync();
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = new RichDbContext(RichDbContext.Options(database.ConnectionString));
        await context.Database.MigrateAsync();

        var plan = await context.Database.PlanPushAsync(PushTestSupport.Options());
        plan.IsEmpty.Should().BeTrue(because: "migrations and push build the same schema; the plan was:\n{0}", plan);

        var refuse = () => context.Database.PushAsync(PushTestSupport.Options());
        (await refuse.Should().ThrowAsync<PushRefusedException>()).WithMessage("*migration history*AllowMigrationHistory*");

        var forced = await context.Database.PushAsync(PushTestSupport.Options(o => o.AllowMigrationHistory = true));
        forced.Plan.IsEmpty.Should().BeTrue();
    }

    // The rich model's migration has a unique index with NULLS NOT DISTINCT, which older servers refuse (plain EF
    // fails there the same way); the push-only test above runs everywhere with RichDbContext's down-level model.
    private static Task RequireRichModelFeaturesAsync()
        => ServerVersion.RequireAsync(15, "the rich model's NULLS NOT DISTINCT unique index (catalog.tags)");

    [Test]
    public async Task A_database_migrated_safely_plans_empty_with_its_journal_and_history_left_alone()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<Models.Users.UsersDbContext>()
            .UseNpgsql(database.ConnectionString)
            .UseSafeMigrations()
            .Options;
        await using var context = new Models.Users.UsersDbContext(options);
        await context.Database.MigrateSafelyAsync();
        (await CatalogSnapshot.ReadAsync(database.ConnectionString, includeBookkeeping: true)).Tables
            .Should().Contain(t => t.Contains("__EfSafeMigrationsJournal", StringComparison.Ordinal));

        var plan = await context.Database.PlanPushAsync(PushTestSupport.Options());

        plan.IsEmpty.Should().BeTrue(because: "bookkeeping tables are not part of the model; the plan was:\n{0}", plan);
    }
}
