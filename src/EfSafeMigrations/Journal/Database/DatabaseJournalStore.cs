using EfSafeMigrations.Infrastructure.Internal;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.Journal.Database;

/// <summary>A row of the database journal table, as verification needs it.</summary>
internal sealed record DatabaseJournalRow(string MigrationId, string? Checksum, string Status);

/// <summary>
/// What verification, adoption and repair read from and write to the database journal table
/// (<c>__EfSafeMigrationsJournal</c>, owned by the migrator: see docs/execution.md). Raw ADO.NET on the
/// context's connection, so it works inside <c>MigrateSafelyAsync</c>'s lock session and on its own.
/// </summary>
internal sealed class DatabaseJournalStore(DbContext context)
{
    // The migrator's own reader/writer of the table: one definition of its name, schema and columns.
    private readonly JournalTableWriter _table = new(
        context.GetService<ISqlGenerationHelper>(),
        RelationalOptionsExtension.Extract(context.GetService<IDbContextOptions>()).MigrationsHistoryTableSchema);

    private string Table => _table.Table;

    public Task<IReadOnlyList<DatabaseJournalRow>> ReadAllAsync(CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<DatabaseJournalRow>>(async connection =>
        {
            if (!await _table.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                return [];
            }

            await using var command = new NpgsqlCommand($"SELECT migration_id, checksum, status FROM {Table} ORDER BY migration_id", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<DatabaseJournalRow>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new DatabaseJournalRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
            }

            return rows;
        }, cancellationToken);

    /// <summary>Records migrations applied without EfSafeMigrations as a baseline: adopted, never run by it.</summary>
    public Task RecordBaselineAsync(IReadOnlyList<(string Id, string? Checksum)> migrations, string application, CancellationToken cancellationToken)
        => WithConnectionAsync(async connection =>
        {
            await _table.EnsureCreatedAsync(connection, cancellationToken).ConfigureAwait(false);
            foreach (var (id, checksum) in migrations)
            {
                await using var command = new NpgsqlCommand($"""
                    INSERT INTO {Table} (migration_id, checksum, status, started_at, finished_at, applied_by_host, applied_by_application, library_version)
                    VALUES (@id, @checksum, '{JournalTable.Statuses.Baseline}', now(), now(), @host, @application, @version)
                    ON CONFLICT (migration_id) DO NOTHING
                    """, connection);
                command.Parameters.AddWithValue("id", id);
                command.Parameters.AddWithValue("checksum", (object?)checksum ?? DBNull.Value);
                command.Parameters.AddWithValue("host", Environment.MachineName);
                command.Parameters.AddWithValue("application", application);
                command.Parameters.AddWithValue("version", Infrastructure.SafeMigrationsAssembly.Version);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    /// <summary>Accepts an intended edit of an applied migration: its recorded checksum becomes <paramref name="checksum"/>.</summary>
    public Task<bool> AcceptChecksumAsync(string migrationId, string checksum, CancellationToken cancellationToken)
        => WithConnectionAsync(async connection =>
        {
            await using var command = new NpgsqlCommand($"UPDATE {Table} SET checksum = @checksum WHERE migration_id = @id", connection);
            command.Parameters.AddWithValue("id", migrationId);
            command.Parameters.AddWithValue("checksum", checksum);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);

    /// <summary>Runs on the context's connection, opening (and closing again) only if it was closed.</summary>
    private Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> action, CancellationToken cancellationToken)
        => ContextConnection.UseAsync(context, action, cancellationToken);
}
