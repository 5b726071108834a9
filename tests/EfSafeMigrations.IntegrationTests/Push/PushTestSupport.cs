using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Push;

internal static class PushTestSupport
{
    /// <summary>
    /// Push options for tests: the test database's role has no CREATEDB, so the shadow database is made on the
    /// same server through the admin connection (what the docs tell users to do in that case).
    /// </summary>
    public static PushOptions Options(Action<PushOptions>? configure = null)
    {
        var options = new PushOptions { ShadowConnectionString = PostgresTestServer.Server.AdminConnectionString };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// What a migration between two models does: EF's differ from <paramref name="from"/> (null: an empty
    /// database) to <paramref name="to"/>, the provider's SQL generator, EF's command executor.
    /// </summary>
    public static async Task MigrateAsync(DbContext? from, DbContext to)
    {
        var source = from?.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var targetModel = to.GetService<IDesignTimeModel>().Model;
        var operations = to.GetService<IMigrationsModelDiffer>().GetDifferences(source, targetModel.GetRelationalModel());
        var commands = to.GetService<IMigrationsSqlGenerator>().Generate(operations, targetModel);
        await to.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, to.GetService<IRelationalConnection>());
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
