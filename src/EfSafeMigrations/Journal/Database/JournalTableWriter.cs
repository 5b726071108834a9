using EfSafeMigrations.Backfill.Internal;
using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.Journal.Database;

/// <summary>
/// Reads and writes <see cref="JournalTable"/>. Step progress is written inside the step's own transaction
/// when the step is transactional, so the journal never claims a step the database does not have.
/// </summary>
internal sealed class JournalTableWriter(ISqlGenerationHelper sqlGenerationHelper, string? schema)
{
    private readonly string _table = sqlGenerationHelper.DelimitIdentifier(JournalTable.Name, schema);

    // False only for an older table this role could not upgrade (it does not own it): the phase is then not written.
    private bool _hasPhase = true;

    /// <summary>The journal's backfill checkpoints (docs/backfill.md), created and cleared with it.</summary>
    public BackfillCheckpoints Backfills { get; } = new(sqlGenerationHelper, schema);

    /// <summary>The quoted, schema-qualified table name.</summary>
    public string Table => _table;

    public async Task EnsureCreatedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (schema is not null)
        {
            await ExecuteAsync(connection, null, $"CREATE SCHEMA IF NOT EXISTS {sqlGenerationHelper.DelimitIdentifier(schema)}", cancellationToken, [])
                .ConfigureAwait(false);
        }

        await ExecuteAsync(connection, null, JournalTable.CreateSql(_table), cancellationToken, []).ConfigureAwait(false);
        await ExecuteAsync(connection, null, JournalTable.UpgradeSql(_table, tolerant: true), cancellationToken, []).ConfigureAwait(false);
        await using (var hasPhase = new NpgsqlCommand(JournalTable.HasPhaseSql(_table), connection))
        {
            _hasPhase = (bool)(await hasPhase.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        await ExecuteAsync(connection, null, Backfills.CreateSql, cancellationToken, []).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection);
        command.Parameters.AddWithValue("name", _table);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// The entries of runs that did not finish (running, failed or partial), by migration id: what planning needs, in one
    /// round trip however many migrations are pending.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, JournalEntry>> ReadUnfinishedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT migration_id, checksum, status, steps_total, steps_completed FROM {_table} WHERE status IN (@running, @failed, @partial)", connection);
        command.Parameters.AddWithValue("running", JournalTable.Statuses.Running);
        command.Parameters.AddWithValue("failed", JournalTable.Statuses.Failed);
        command.Parameters.AddWithValue("partial", JournalTable.Statuses.Partial);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            entries[id] = new JournalEntry(id, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4));
        }

        return entries;
    }

    /// <summary>
    /// Marks a migration running; a fresh start resets step progress, a resume keeps it. <paramref name="phase"/>: one of
    /// <see cref="JournalTable.Phases"/>.
    /// </summary>
    public Task StartAsync(
        NpgsqlConnection connection, string migrationId, string? checksum, int stepsTotal, int stepsCompleted, string application, string phase,
        CancellationToken cancellationToken)
        => ExecuteAsync(connection, null, $"""
            INSERT INTO {_table} AS j (migration_id, checksum, status, steps_total, steps_completed, last_completed_step, started_at,
                                       finished_at, duration_ms, failed_statement, error, applied_by_host, applied_by_application, library_version{(_hasPhase ? ", phase" : "")})
            VALUES (@id, @checksum, '{JournalTable.Statuses.Running}', @total, @completed, NULLIF(@completed, 0), now(),
                    NULL, NULL, NULL, NULL, @host, @application, @version{(_hasPhase ? ", @phase" : "")})
            ON CONFLICT (migration_id) DO UPDATE SET
                checksum = EXCLUDED.checksum, status = EXCLUDED.status, steps_total = EXCLUDED.steps_total,
                steps_completed = EXCLUDED.steps_completed, last_completed_step = EXCLUDED.last_completed_step,
                started_at = EXCLUDED.started_at, finished_at = NULL, duration_ms = NULL, failed_statement = NULL, error = NULL,
                applied_by_host = EXCLUDED.applied_by_host, applied_by_application = EXCLUDED.applied_by_application,
                library_version = EXCLUDED.library_version{(_hasPhase ? ", phase = EXCLUDED.phase" : "")}
            """, cancellationToken,
            [("phase", phase), ("id", migrationId), ("checksum", (object?)checksum ?? DBNull.Value), ("total", stepsTotal), ("completed", stepsCompleted),
             ("host", Environment.MachineName), ("application", application), ("version", SafeMigrationsAssembly.Version)]);

    public Task StepCompletedAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string migrationId, int step, CancellationToken cancellationToken)
        => ExecuteAsync(connection, transaction,
            $"UPDATE {_table} SET steps_completed = @step, last_completed_step = @step WHERE migration_id = @id",
            cancellationToken, [("id", migrationId), ("step", step)]);

    public Task AppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string migrationId, TimeSpan duration, CancellationToken cancellationToken)
        => ExecuteAsync(connection, transaction, $"""
            UPDATE {_table} SET status = '{JournalTable.Statuses.Applied}', finished_at = now(), duration_ms = @duration
            WHERE migration_id = @id
            """, cancellationToken, [("id", migrationId), ("duration", (long)duration.TotalMilliseconds)]);

    public Task FailedAsync(
        NpgsqlConnection connection, string migrationId, TimeSpan duration, string? failedStatement, string error, CancellationToken cancellationToken)
        => ExecuteAsync(connection, null, $"""
            UPDATE {_table}
            SET status = CASE WHEN steps_completed > 0 THEN '{JournalTable.Statuses.Partial}' ELSE '{JournalTable.Statuses.Failed}' END,
                finished_at = now(), duration_ms = @duration, failed_statement = @statement, error = @error
            WHERE migration_id = @id
            """, cancellationToken,
            [("id", migrationId), ("duration", (long)duration.TotalMilliseconds),
             ("statement", (object?)SecretRedactor.RedactOrNull(failedStatement) ?? DBNull.Value), ("error", SecretRedactor.Redact(error))]);

    /// <summary>A reverted migration leaves the journal, as it leaves the history table.</summary>
    /// <summary>Deletes a reverted migration's row and its backfill checkpoints (applied again, it backfills again).</summary>
    public Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string migrationId, CancellationToken cancellationToken)
        => ExecuteAsync(connection, transaction,
            $"DELETE FROM {_table} WHERE migration_id = @id; DELETE FROM {Backfills.Table} WHERE migration_id = @id", cancellationToken, [("id", migrationId)]);

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken,
        IReadOnlyList<(string Name, object Value)> parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
