using Npgsql;
using NpgsqlTypes;

namespace EfSafeMigrations.Execution.Internal.Partitions;

/// <summary>A table or index as the catalog knows it.</summary>
internal sealed record Relation(uint Oid, string Schema, string Name, char Kind)
{
    public const char PartitionedTable = 'p';
    public const char PartitionedIndex = 'I';
    public const char Table = 'r';
}

/// <summary>An index and whether it is usable (<c>indisvalid</c>; a partitioned index is valid once every partition's index is attached).</summary>
internal sealed record IndexState(uint Oid, string Schema, string Name, bool Valid);

/// <summary>The catalog lookups the partition-safe forms need. Names written in SQL are resolved by <c>to_regclass</c>, as the statement would resolve them.</summary>
internal sealed class PartitionCatalog(NpgsqlConnection connection, NpgsqlTransaction? transaction)
{
    /// <summary>The relation <paramref name="sqlName"/> (as written in SQL) names, or null when there is none.</summary>
    public Task<Relation?> FindAsync(string sqlName, CancellationToken cancellationToken)
        => SingleAsync(
            """
            SELECT c.oid, n.nspname, c.relname, c.relkind
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = to_regclass(@name)
            """,
            r => new Relation(r.GetFieldValue<uint>(0), r.GetString(1), r.GetString(2), r.GetChar(3)),
            cancellationToken, ("name", NpgsqlDbType.Text, sqlName));

    /// <summary>The direct partitions of <paramref name="table"/>, by name.</summary>
    public async Task<IReadOnlyList<Relation>> PartitionsAsync(Relation table, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            SELECT c.oid, n.nspname, c.relname, c.relkind
            FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE h.inhparent = @oid
            ORDER BY c.relname
            """, ("oid", NpgsqlDbType.Oid, table.Oid));
        var partitions = new List<Relation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            partitions.Add(new Relation(reader.GetFieldValue<uint>(0), reader.GetString(1), reader.GetString(2), reader.GetChar(3)));
        }

        return partitions;
    }

    /// <summary>The index named <paramref name="name"/> in <paramref name="schema"/>, or null.</summary>
    public Task<IndexState?> IndexAsync(string schema, string name, CancellationToken cancellationToken)
        => SingleAsync(
            """
            SELECT c.oid, n.nspname, c.relname, i.indisvalid AND i.indisready
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index i ON i.indexrelid = c.oid
            WHERE n.nspname = @schema AND c.relname = @name
            """,
            ReadIndex, cancellationToken, ("schema", NpgsqlDbType.Name, schema), ("name", NpgsqlDbType.Name, name));

    /// <summary>The index of <paramref name="partition"/> already attached to <paramref name="parentIndex"/>, or null.</summary>
    public Task<IndexState?> AttachedIndexAsync(IndexState parentIndex, Relation partition, CancellationToken cancellationToken)
        => SingleAsync(
            """
            SELECT c.oid, n.nspname, c.relname, i.indisvalid AND i.indisready
            FROM pg_inherits h JOIN pg_index i ON i.indexrelid = h.inhrelid
            JOIN pg_class c ON c.oid = h.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE h.inhparent = @parent AND i.indrelid = @partition
            """,
            ReadIndex, cancellationToken, ("parent", NpgsqlDbType.Oid, parentIndex.Oid), ("partition", NpgsqlDbType.Oid, partition.Oid));

    /// <summary>The key columns of <paramref name="index"/>, quoted and comma-separated, or null when it has none (an expression index).</summary>
    public async Task<string?> KeyColumnsAsync(IndexState index, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            SELECT CASE WHEN bool_and(k.attnum > 0) THEN string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) END
            FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indexrelid = @oid AND k.ord <= i.indnkeyatts
            """, ("oid", NpgsqlDbType.Oid, index.Oid));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static IndexState ReadIndex(NpgsqlDataReader r) => new(r.GetFieldValue<uint>(0), r.GetString(1), r.GetString(2), r.GetBoolean(3));

    private async Task<T?> SingleAsync<T>(
        string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, NpgsqlDbType Type, object Value)[] parameters)
        where T : class
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
    }

    private NpgsqlCommand Command(string sql, params (string Name, NpgsqlDbType Type, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, type, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        return command;
    }
}
