using EfSafeMigrations.Journal.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.CommandLine.Internal;

/// <summary>One migration's row of the database journal, as <c>status</c> shows it.</summary>
internal sealed record JournalStatus(
    string MigrationId, string Status, int StepsTotal, int StepsCompleted, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long? DurationMs, string? Error, string? Phase = null);

/// <summary>
/// Reads <c>__EfSafeMigrationsJournal</c> (written by <c>MigrateSafelyAsync</c>) for <c>status</c>: per migration its
/// status, step progress, timing and last error. A database the safe migrator never ran on has no journal table:
/// then there is nothing to read, which is not an error. The phase is read through <c>to_jsonb</c>: status is read-only, and a journal
/// table an earlier version created has no phase column until the next migrate adds it.
/// </summary>
internal static class JournalStatusReader
{
    public static async Task<IReadOnlyDictionary<string, JournalStatus>> ReadAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return new Dictionary<string, JournalStatus>();
        }

        var schema = RelationalOptionsExtension.Extract(context.GetService<IDbContextOptions>()).MigrationsHistoryTableSchema;
        var table = context.GetService<ISqlGenerationHelper>().DelimitIdentifier(JournalTable.Name, schema);
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection))
            {
                exists.Parameters.AddWithValue("table", table);
                if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                {
                    return new Dictionary<string, JournalStatus>();
                }
            }

            // The table name is quoted by the provider's helper: identifiers cannot be parameters.
#pragma warning disable CA2100
            await using var command = new NpgsqlCommand(
                $"SELECT migration_id, status, steps_total, steps_completed, started_at, finished_at, duration_ms, error, " +
                $"to_jsonb(j) ->> 'phase' FROM {table} j", connection);
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new Dictionary<string, JournalStatus>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows[reader.GetString(0)] = new JournalStatus(
                    reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8));
            }

            return rows;
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
