using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Backfills;

/// <summary>Reads and gates for the backfill tests.</summary>
internal static class BackfillDatabase
{
    public static async Task<List<string?>> ColumnAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The checkpoint row of the backfill: status, batches, rows walked, rows updated.</summary>
    public static async Task<string?> CheckpointAsync(string connectionString)
        => (await ColumnAsync(connectionString,
            "SELECT status || ' ' || batches || ' ' || rows_walked || ' ' || rows_updated FROM \"__EfSafeMigrationsBackfill\"")).SingleOrDefault();

    /// <summary>Waits until a backend of the database waits for the gate's advisory lock; returns its pid.</summary>
    public static async Task<int> WaitForGateAsync(NpgsqlConnection admin, Task? run, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var find = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'", admin);
            if (await find.ExecuteScalarAsync(cancellationToken) is int pid)
            {
                return pid;
            }

            if (run is { IsCompleted: true })
            {
                await run; // surfaces the failure
                throw new AssertionException("The run ended without reaching the gate.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public static async Task WaitForBackendGoneAsync(NpgsqlConnection admin, int pid, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var find = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid", admin);
            find.Parameters.AddWithValue("pid", pid);
            if ((long)(await find.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
