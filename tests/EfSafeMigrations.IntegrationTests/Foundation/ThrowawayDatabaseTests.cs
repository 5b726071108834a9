using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Foundation;

public class ThrowawayDatabaseTests
{
    [Test]
    public async Task Each_database_is_separate_and_is_dropped_with_its_role_on_dispose()
    {
        var first = await PostgresTestServer.CreateDatabaseAsync();
        await using var second = await PostgresTestServer.CreateDatabaseAsync();

        first.Name.Should().NotBe(second.Name);
        await ExecuteAsync(first.ConnectionString, "CREATE TABLE only_in_first (id int)");
        (await ScalarAsync<long>(second.ConnectionString, "SELECT count(*) FROM pg_class WHERE relname = 'only_in_first'"))
            .Should().Be(0);

        await first.DisposeAsync();

        (await ScalarAsync<long>(PostgresTestServer.Server.AdminConnectionString,
                $"SELECT count(*) FROM pg_database WHERE datname = '{first.Name}'"))
            .Should().Be(0);
        (await ScalarAsync<long>(PostgresTestServer.Server.AdminConnectionString,
                $"SELECT count(*) FROM pg_roles WHERE rolname = '{first.Role}'"))
            .Should().Be(0);
    }

    [Test]
    public async Task The_application_role_cannot_create_roles_or_databases()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();

        var act = () => ExecuteAsync(database.ConnectionString, "CREATE DATABASE not_allowed");

        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Test]
    public async Task Non_ascii_and_mixed_case_identifiers_are_stored_as_written()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();

        await ExecuteAsync(database.ConnectionString, "CREATE TABLE \"Ünïcode Täble\" (\"Select\" int)");

        (await ScalarAsync<string>(database.ConnectionString, "SELECT relname::text FROM pg_class WHERE relname LIKE 'Ü%'"))
            .Should().Be("Ünïcode Täble");
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
