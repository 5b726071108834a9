using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Names the migrator's sessions in <c>pg_stat_activity</c> when the connection string names none, so that an operator
/// sees who is migrating, and a later run can recognise a backend an earlier, killed run left building an index (same
/// database, role and application name). Set per session and reset when the run ends, so it never outlives the run on
/// a pooled connection (PgBouncer tracks <c>application_name</c> per client, so a pooler keeps it per client too).
/// </summary>
internal static class MigratorApplicationName
{
    public const string Value = "EfSafeMigrations migrator";

    /// <summary>Returns whether it was set (the connection string set no name), so that <see cref="ResetAsync"/> undoes it.</summary>
    public static async Task<bool> ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT set_config('application_name', @name, false) FROM (SELECT current_setting('application_name') AS current) s WHERE current = ''",
            connection);
        command.Parameters.AddWithValue("name", Value);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Best effort: a broken connection is discarded by the pool anyway.</summary>
    public static async Task ResetAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("RESET application_name", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
        }
    }
}
