using Npgsql;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>The key a backfill walks: column names (unquoted) and their types as <c>format_type</c> writes them.</summary>
internal sealed record BackfillKey(IReadOnlyList<string> Columns, IReadOnlyList<string> Types)
{
    /// <summary>
    /// The primary key, or the explicit key when it is NOT NULL and exactly the columns of a unique index (a key with
    /// duplicates or NULLs would make the keyset walk skip rows). A clear refusal otherwise.
    /// </summary>
    public static async Task<BackfillKey> ResolveAsync(
        NpgsqlConnection connection, string quotedTable, IReadOnlyList<string>? explicitColumns, CancellationToken cancellationToken)
    {
        if (explicitColumns is null or { Count: 0 })
        {
            var primary = await ReadAsync(connection, PrimaryKeySql, quotedTable, null, cancellationToken).ConfigureAwait(false);
            return primary.Columns.Count > 0
                ? primary
                : throw new BackfillRefusedException(
                    $"Backfill of {quotedTable}: the table has no primary key, so it cannot be walked in keyset batches. Add a primary key, " +
                    "or name a NOT NULL key with a unique index over exactly its columns: Backfill(..., keyColumns: [\"...\"]).");
        }

        var types = await ColumnTypesAsync(connection, quotedTable, explicitColumns, cancellationToken).ConfigureAwait(false);
        if (!await IsUniqueNotNullAsync(connection, quotedTable, explicitColumns, cancellationToken).ConfigureAwait(false))
        {
            throw new BackfillRefusedException(
                $"Backfill of {quotedTable}: the key ({string.Join(", ", explicitColumns)}) must be NOT NULL and have a unique index over " +
                "exactly its columns (no expression, no predicate); a key with duplicates or NULLs would make the batches skip rows.");
        }

        return new BackfillKey([.. explicitColumns], types);
    }

    /// <summary>The types of <paramref name="columns"/> (<c>format_type</c>), in their order; a clear refusal for a missing one.</summary>
    public static async Task<IReadOnlyList<string>> ColumnTypesAsync(
        NpgsqlConnection connection, string quotedTable, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(connection, ExplicitKeySql, quotedTable, columns, cancellationToken).ConfigureAwait(false);
        var missing = columns.Except(found.Columns, StringComparer.Ordinal).ToList();
        return missing.Count == 0
            ? [.. columns.Select(c => found.Types[IndexOf(found.Columns, c)])]
            : throw new BackfillRefusedException($"Backfill of {quotedTable}: column(s) {string.Join(", ", missing)} do not exist.");
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }

        return -1;
    }

    private const string PrimaryKeySql = """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod)
        FROM pg_index i
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = @table::regclass AND i.indisprimary
        ORDER BY k.ord
        """;

    private const string ExplicitKeySql = """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod)
        FROM pg_attribute a
        WHERE a.attrelid = @table::regclass AND a.attname = ANY (@columns) AND a.attnum > 0 AND NOT a.attisdropped
        """;

    private static async Task<BackfillKey> ReadAsync(
        NpgsqlConnection connection, string sql, string quotedTable, IReadOnlyList<string>? columns, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("table", quotedTable);
        if (columns is not null)
        {
            command.Parameters.AddWithValue("columns", columns.ToArray());
        }

        var names = new List<string>();
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
            types.Add(reader.GetString(1));
        }

        return new BackfillKey(names, types);
    }

    private static async Task<bool> IsUniqueNotNullAsync(
        NpgsqlConnection connection, string quotedTable, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT
                NOT EXISTS (SELECT 1 FROM pg_attribute a
                            WHERE a.attrelid = @table::regclass AND a.attname = ANY (@columns) AND NOT a.attnotnull)
                AND EXISTS (SELECT 1 FROM pg_index i
                            WHERE i.indrelid = @table::regclass AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
                              AND i.indexprs IS NULL AND i.indnkeyatts = cardinality(@columns)
                              AND (SELECT array_agg(a.attname::text ORDER BY a.attname)
                                    FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                                   WHERE k.ord <= i.indnkeyatts)
                                  = (SELECT array_agg(c ORDER BY c) FROM unnest(@columns) AS c))
            """, connection);
        command.Parameters.AddWithValue("table", quotedTable);
        command.Parameters.AddWithValue("columns", columns.ToArray());
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

/// <summary>A backfill that cannot run as written (no usable key, a typed form in a script): nothing of it ran.</summary>
internal sealed class BackfillRefusedException(string message) : InvalidOperationException(message);
