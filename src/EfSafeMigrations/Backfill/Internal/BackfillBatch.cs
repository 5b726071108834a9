using System.Globalization;
using Npgsql;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>What one batch did: keys walked, rows changed, and the last key walked (null: none).</summary>
internal readonly record struct BatchResult(long Walked, long Updated, string[]? LastKey);

/// <summary>One batch of a backfill, run inside the transaction the runner opened (and commits with the checkpoint).</summary>
internal interface IBackfillBatch
{
    Task<BatchResult> RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[]? lastKey, CancellationToken cancellationToken);
}

/// <summary>The SQL form: one statement per batch (<see cref="KeysetBatchSql.Update"/>).</summary>
internal sealed class SqlBackfillBatch(string first, string next) : IBackfillBatch
{
    public const string LastParameter = "@esm_last";

    public static SqlBackfillBatch For(BackfillOperation operation, BackfillKey key, Func<string, string?, string> quote)
    {
        var table = quote(operation.Table, operation.Schema);
        var fragments = KeyFragments.For(key, c => quote(c, null), LastParameter);
        var limit = operation.BatchSize.ToString(CultureInfo.InvariantCulture);
        return new SqlBackfillBatch(
            KeysetBatchSql.Update(table, quote(operation.Table, null), fragments, operation.Set!, operation.Where, first: true, limit),
            KeysetBatchSql.Update(table, quote(operation.Table, null), fragments, operation.Set!, operation.Where, first: false, limit));
    }

    public async Task<BatchResult> RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[]? lastKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(lastKey is null ? first : next, connection, transaction) { CommandTimeout = 0 };
        if (lastKey is not null)
        {
            command.Parameters.AddWithValue(LastParameter[1..], lastKey);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new BatchResult(reader.GetInt64(1), reader.GetInt64(0), reader.IsDBNull(2) ? null : reader.GetFieldValue<string[]>(2));
    }
}
