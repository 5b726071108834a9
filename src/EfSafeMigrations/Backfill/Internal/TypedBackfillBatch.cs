using System.Globalization;
using Npgsql;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// The typed C# form: the batch's rows are read and locked (<see cref="KeysetBatchSql.Select"/>), transformed in C#, and
/// each changed row is written back by its key, all in the batch's transaction.
/// </summary>
internal sealed class TypedBackfillBatch(
    TypedBackfill typed, string table, BackfillKey key, IReadOnlyList<string> quotedKey, IReadOnlyList<string> quotedColumns, IReadOnlyList<string> columnTypes, string first, string next)
    : IBackfillBatch
{
    public static async Task<TypedBackfillBatch> ForAsync(
        NpgsqlConnection connection, BackfillOperation operation, BackfillKey key, Func<string, string?, string> quote, CancellationToken cancellationToken)
    {
        var typed = operation.Typed!;
        var table = quote(operation.Table, operation.Schema);
        var types = await BackfillKey.ColumnTypesAsync(connection, table, typed.Columns, cancellationToken).ConfigureAwait(false);
        var quoted = typed.Columns.Select(c => quote(c, null)).ToList();
        var fragments = KeyFragments.For(key, c => quote(c, null), SqlBackfillBatch.LastParameter, SqlBackfillBatch.UpperParameter);
        var limit = operation.BatchSize.ToString(CultureInfo.InvariantCulture);
        return new TypedBackfillBatch(typed, table, key, [.. key.Columns.Select(c => quote(c, null))], quoted, types, KeysetBatchSql.Select(table, fragments, quoted, operation.Where, true, limit),
            KeysetBatchSql.Select(table, fragments, quoted, operation.Where, false, limit));
    }

    public async Task<BatchResult> RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[]? lastKey, CancellationToken cancellationToken)
    {
        var keyCount = key.Columns.Count;
        var changes = new List<(string[] Key, object?[] Old, object?[] New)>();
        long walked = 0;
        string[]? last = null;
        await using (var select = new NpgsqlCommand(lastKey is null ? first : next, connection, transaction) { CommandTimeout = 0 })
        {
            if (lastKey is not null)
            {
                select.Parameters.AddWithValue(SqlBackfillBatch.LastParameter[1..], lastKey);
            }

            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                walked++;
                last = [.. Enumerable.Range(0, keyCount).Select(reader.GetString)];
                if (reader.IsDBNull(keyCount) || !reader.GetBoolean(keyCount))
                {
                    continue;
                }

                var values = Enumerable.Range(keyCount + 1, quotedColumns.Count).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray();
                if (typed.Transform(values) is { } row)
                {
                    changes.Add((last, row.Before, row.After));
                }
            }
        }

        var written = 0L;
        foreach (var chunk in changes.Where(c => Changed(c.Old, c.New).Any()).Chunk(500))
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (rowKey, old, updated) in chunk)
            {
                batch.BatchCommands.Add(Update(rowKey, old, updated));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            written += chunk.Length;
        }

        return new BatchResult(walked, written, last);
    }

    private NpgsqlBatchCommand Update(string[] rowKey, object?[] old, object?[] updated)
    {
        var command = new NpgsqlBatchCommand();
        var sets = new List<string>();
        foreach (var i in Changed(old, updated))
        {
            sets.Add($"{quotedColumns[i]} = @v{i}::{columnTypes[i]}");
            command.Parameters.Add(new NpgsqlParameter($"v{i}", updated[i] ?? DBNull.Value));
        }

        var keys = key.Columns.Select((_, i) => $"@k{i}::text::{key.Types[i]}");
        for (var i = 0; i < rowKey.Length; i++)
        {
            command.Parameters.AddWithValue($"k{i}", rowKey[i]);
        }

        command.CommandText = $"UPDATE {table} SET {string.Join(", ", sets)} " +
                              $"WHERE ({string.Join(", ", quotedKey)}) = ({string.Join(", ", keys)})";
        return command;
    }

    private static IEnumerable<int> Changed(object?[] old, object?[] updated)
        => Enumerable.Range(0, old.Length).Where(i => !Equals(old[i], updated[i]));
}
