using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>What Npgsql's migrator and EF's Migrate() do that MigrateSafelyAsync keeps: type reload, seeding.</summary>
public class KeptBehaviourTests
{
    [Test]
    public async Task Types_are_reloaded_after_a_migration_creates_an_enum_as_Npgsql_does()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = new Models.Moods.MoodsDbContext(Models.Moods.MoodsDbContext.Options(database.ConnectionString));

        await context.Database.MigrateSafelyAsync();
        context.People.Add(new Models.Moods.Person { Mood = Models.Moods.Mood.Sad });
        await context.SaveChangesAsync();

        (await context.People.SingleAsync()).Mood.Should().Be(Models.Moods.Mood.Sad);
    }

    [Test]
    public async Task Seeding_configured_with_UseAsyncSeeding_runs_after_migrating_as_Migrate_runs_it()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var seeded = new List<bool>();
        var options = new DbContextOptionsBuilder<ShopDbContext>(ShopOptions.For<ShopDbContext>(database.ConnectionString))
            .UseAsyncSeeding(async (context, migrated, cancellationToken) =>
            {
                seeded.Add(migrated);
                await context.Database.ExecuteSqlRawAsync("INSERT INTO customers (id, email) VALUES (9999, 'seed@example.com')", cancellationToken);
            })
            .Options;
        await using var context = new ShopDbContext(options);

        await context.Database.MigrateSafelyAsync();

        seeded.Should().Equal(true);
        (await Journal.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM customers WHERE id = 9999")).Should().Be(1);
    }
}
