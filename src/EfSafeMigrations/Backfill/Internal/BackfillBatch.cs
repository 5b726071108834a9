using Npgsql;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>What one batch did: keys walked, rows changed, and the last key walked (null: none).</summary>
internal readonly record struct BatchResult(long Walked, long Updated, string[]? LastKey);

/// <summary>One batch of a backfill, run inside the transaction the runner opened (and commits with the checkpoint).</summary>
internal interface IBackfillBatch
{
    Task<BatchResult> RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[]? lastKey, CancellationToken cancellationToken);
}

/// <summary>The SQL form: the batch's key range (<see cref="KeysetBatchSql.Range"/>), then its update (<see cref="KeysetBatchSql.Update"/>).</summary>
internal sealed class SqlBackfillBatch(string firstRange, string nextRange, string firstUpdate, string nextUpdate) : IBackfillBatch
{
    public const string LastParameter = "@esm_last";
    public const string UpperParameter = "@esm_upper";

    public static SqlBackfillBatch For(BackfillOperation operation, BackfillKey key, Func<string, string?, string> quote)
    {
        var table = quote(operation.Table, operation.Schema);
        var fragments = KeyFragments.For(key, c => quote(c, null), LastParameter, UpperParameter);
        var limit = operation.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SqlBackfillBatch(
            KeysetBatchSql.Range(table, fragments, first: true, limit), KeysetBatchSql.Range(table, fragments, first: false, limit),
            KeysetBatchSql.Update(table, fragments, operation.Set!, operation.Where, first: true),
            KeysetBatchSql.Update(table, fragments, operation.Set!, operation.Where, first: false));
    }

    public async Task<BatchResult> RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[]? lastKey, CancellationToken cancellationToken)
    {
        long walked;
        string[]? upper;
        await using (var range = Command(lastKey is null ? firstRange : nextRange, connection, transaction, lastKey, null))
        {
            await using var reader = await range.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (walked, upper) = (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<string[]>(1));
        }

        if (upper is null)
        {
            return new BatchResult(0, 0, null);
        }

        await using var update = Command(lastKey is null ? firstUpdate : nextUpdate, connection, transaction, lastKey, upper);
        return new BatchResult(walked, await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false), upper);
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, string[]? last, string[]? upper)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        if (last is not null)
        {
            command.Parameters.AddWithValue(LastParameter[1..], last);
        }

        if (upper is not null)
        {
            command.Parameters.AddWithValue(UpperParameter[1..], upper);
        }

        return command;
    }
}
