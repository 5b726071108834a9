using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>Reads the journal table and the history table for assertions.</summary>
internal static class Journal
{
    public sealed record Row(string MigrationId, string Status, int StepsTotal, int StepsCompleted, string? FailedStatement, string? Error);

    public static async Task<IReadOnlyList<Row>> ReadAsync(string connectionString, string table = "\"__EfSafeMigrationsJournal\"")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT migration_id, status, steps_total, steps_completed, failed_statement, error FROM {table} ORDER BY migration_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    public static async Task<IReadOnlyList<string>> HistoryAsync(string connectionString, string table = "\"__EFMigrationsHistory\"")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT \"MigrationId\" FROM {table} ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
