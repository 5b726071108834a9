using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.EndToEndTests.Commands;

public class ScriptCommandTests
{
    [Test]
    public async Task Script_prints_the_safe_plan_with_the_steps_outside_transactions_and_changes_nothing()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_script");
        (await SampleApp.RunAsync(database.ConnectionString, "migrate", "AddBioAndIsActive")).ShouldSucceed();

        var human = (await SampleApp.RunAsync(database.ConnectionString, "script")).ShouldSucceed();
        var json = (await SampleApp.RunAsync(database.ConnectionString, "script", "--json")).ShouldSucceed();

        human.StandardOutput.Should().StartWith("-- EfSafeMigrations plan for UsersDbContext: 3 migration(s)")
            .And.Contain("-- step 2 (outside a transaction)")
            .And.Contain("CREATE UNIQUE INDEX CONCURRENTLY ix_users_email_address ON users (email_address);")
            .And.Contain("VALIDATE CONSTRAINT")
            .And.Contain("lock_timeout");
        using (var document = JsonDocument.Parse(json.StandardOutput))
        {
            document.RootElement.GetProperty("migrations").GetArrayLength().Should().Be(3, "the post-deployment contract waits");
            document.RootElement.GetProperty("stepsOutsideTransaction").GetInt32().Should().BeGreaterThan(0);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        (await count.ExecuteScalarAsync()).Should().Be(2L, "a dry run executes nothing");
    }
}
