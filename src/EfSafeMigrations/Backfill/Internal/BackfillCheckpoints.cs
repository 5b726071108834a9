using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>Which backfill a checkpoint belongs to: its owner (a migration id) and the step that runs it.</summary>
internal sealed record BackfillCheckpointId(string Owner, int Step);

/// <summary>Where a backfill got to: the last key walked (as text), counts so far, and whether it finished.</summary>
internal sealed record BackfillCheckpoint(bool Done, string[]? LastKey, long RowsWalked, long RowsUpdated, int Batches);

/// <summary>
/// The journal's backfill checkpoints, <c>__EfSafeMigrationsBackfill</c>, beside <c>__EfSafeMigrationsJournal</c> in
/// the history table's schema. Each batch advances its row inside the batch's own transaction, so the rows a batch
/// changed and the checkpoint that says so commit together: a killed run resumes at the next batch and applies a
/// non-idempotent update exactly once. Created with <c>IF NOT EXISTS</c> wherever the journal table is, so databases
/// journaled by earlier versions get it on their next run.
/// </summary>
internal sealed class BackfillCheckpoints(ISqlGenerationHelper sqlGenerationHelper, string? schema)
{
    public const string Name = "__EfSafeMigrationsBackfill";

    private readonly string _table = sqlGenerationHelper.DelimitIdentifier(Name, schema);

    /// <summary>The quoted, schema-qualified table name.</summary>
    public string Table => _table;

    public string CreateSql => $"""
        CREATE TABLE IF NOT EXISTS {_table} (
            migration_id text NOT NULL,
            step integer NOT NULL,
            table_name text NOT NULL,
            status text NOT NULL,
            last_key text[],
            rows_walked bigint NOT NULL DEFAULT 0,
            rows_updated bigint NOT NULL DEFAULT 0,
            batches integer NOT NULL DEFAULT 0,
            started_at timestamp with time zone NOT NULL DEFAULT now(),
            updated_at timestamp with time zone,
            finished_at timestamp with time zone,
            PRIMARY KEY (migration_id, step)
        )
        """;

    public async Task<BackfillCheckpoint?> ReadAsync(NpgsqlConnection connection, BackfillCheckpointId id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT status, last_key, rows_walked, rows_updated, batches FROM {_table} WHERE migration_id = @id AND step = @step", connection);
        command.Parameters.AddWithValue("id", id.Owner);
        command.Parameters.AddWithValue("step", id.Step);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new BackfillCheckpoint(reader.GetString(0) == "done", reader.IsDBNull(1) ? null : reader.GetFieldValue<string[]>(1),
                reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4))
            : null;
    }

    /// <summary>Records that a backfill started (nothing when an earlier run did: its checkpoint stays).</summary>
    public Task StartAsync(NpgsqlConnection connection, BackfillCheckpointId id, string table, CancellationToken cancellationToken)
        => ExecuteAsync(connection, null,
            $"INSERT INTO {_table} (migration_id, step, table_name, status) VALUES (@id, @step, @table, 'running') ON CONFLICT DO NOTHING",
            cancellationToken, id, ("table", table));

    /// <summary>Advances the checkpoint inside the batch's transaction.</summary>
    public Task AdvanceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BackfillCheckpointId id, string[]? lastKey, long walked, long updated, bool done,
        CancellationToken cancellationToken)
        => ExecuteAsync(connection, transaction, $"""
            UPDATE {_table}
            SET last_key = coalesce(@last, last_key), rows_walked = rows_walked + @walked, rows_updated = rows_updated + @updated,
                batches = batches + 1, updated_at = now(),
                status = CASE WHEN @done THEN 'done' ELSE status END, finished_at = CASE WHEN @done THEN now() END
            WHERE migration_id = @id AND step = @step
            """, cancellationToken, id,
            ("last", (object?)lastKey ?? DBNull.Value), ("walked", walked), ("updated", updated), ("done", done));

    /// <summary>Forgets a migration's backfills (it was reverted: applying it again backfills again).</summary>
    public Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string owner, CancellationToken cancellationToken)
        => ExecuteAsync(connection, transaction, $"DELETE FROM {_table} WHERE migration_id = @id", cancellationToken, new BackfillCheckpointId(owner, 0));

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, BackfillCheckpointId id,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", id.Owner);
        command.Parameters.AddWithValue("step", id.Step);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = value }
                : new NpgsqlParameter(name, value));
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
