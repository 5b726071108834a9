using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.EndToEndTests.Commands;

public class PushCommandTests
{
    [Test]
    public async Task Push_creates_the_schema_then_refuses_data_loss_until_the_object_is_named()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_push");
        var shadow = SharedPostgresServer.Server.AdminConnectionString; // the database's own role may not create databases

        var first = (await SampleApp.RunAsync(database.ConnectionString, "push", "--shadow-connection", shadow)).ShouldSucceed();
        var nothing = (await SampleApp.RunAsync(database.ConnectionString, "push", "--dry-run", "--shadow-connection", shadow, "--json")).ShouldSucceed();
        await ExecuteAsync(database.ConnectionString, "ALTER TABLE users ADD COLUMN legacy text");
        var refused = await SampleApp.RunAsync(database.ConnectionString, "push", "--shadow-connection", shadow);
        var refusedJson = await SampleApp.RunAsync(database.ConnectionString, "push", "--dry-run", "--shadow-connection", shadow, "--json");
        var allowed = (await SampleApp.RunAsync(database.ConnectionString, "push", "--shadow-connection", shadow,
            "--allow-data-loss", "column public.users.legacy")).ShouldSucceed();

        first.StandardOutput.Should().Contain("CREATE TABLE").And.Contain("Pushed:");
        using (var document = JsonDocument.Parse(nothing.StandardOutput))
        {
            document.RootElement.GetProperty("steps").GetArrayLength().Should().Be(0);
        }

        refused.ExitCode.Should().Be(8, refused.ToString());
        refused.StandardOutput.Should().Contain("legacy").And.Contain("refused: --allow-data-loss \"column public.users.legacy\"");
        refused.StandardError.Should().Contain("Push refused");
        refusedJson.ExitCode.Should().Be(8, refusedJson.ToString());
        using (var document = JsonDocument.Parse(refusedJson.StandardOutput))
        {
            document.RootElement.GetProperty("outcome").GetString().Should().Be("push-refused");
            document.RootElement.GetProperty("steps").EnumerateArray().Should().Contain(s => !s.GetProperty("allowed").GetBoolean());
        }

        allowed.StandardOutput.Should().Contain("DROP COLUMN").And.Contain("(allowed)");
    }

    [Test]
    public async Task Push_refuses_a_database_that_migrations_manage()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_push_history");
        (await SampleApp.RunAsync(database.ConnectionString, "migrate", "AddBioAndIsActive")).ShouldSucceed();

        var result = await SampleApp.RunAsync(database.ConnectionString, "push", "--shadow-connection", SharedPostgresServer.Server.AdminConnectionString);

        result.ExitCode.Should().Be(8, result.ToString());
        result.StandardError.Should().Contain("fix:");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
