using Npgsql;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>The few catalog reads the expansion checks make (tables and columns by their quoted, possibly qualified name).</summary>
internal static class ExpansionCatalog
{
    /// <summary>The column's type as PostgreSQL spells it, or null when the table or the column does not exist.</summary>
    public static async Task<string?> ColumnTypeAsync(NpgsqlConnection connection, string table, string column, CancellationToken cancellationToken)
        => await ScalarAsync<string>(connection,
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass(@table) AND attname = @column AND attnum > 0 AND NOT attisdropped",
            cancellationToken, ("table", table), ("column", column)).ConfigureAwait(false);

    public static async Task<bool> RelationExistsAsync(NpgsqlConnection connection, string relation, CancellationToken cancellationToken)
        => await ScalarAsync<bool>(connection, "SELECT to_regclass(@relation) IS NOT NULL", cancellationToken, ("relation", relation)).ConfigureAwait(false);

    /// <summary>Whether the table carries the expansion's trigger (an earlier run of the expand got that far).</summary>
    public static async Task<bool> HasTriggerAsync(NpgsqlConnection connection, string table, string trigger, CancellationToken cancellationToken)
        => await ScalarAsync<bool>(connection,
            "SELECT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = to_regclass(@table) AND tgname = @trigger)",
            cancellationToken, ("table", table), ("trigger", trigger)).ConfigureAwait(false);

    /// <summary>How many old-version writes the expansion's trigger has counted; null when its counter does not exist.</summary>
    public static async Task<long?> OldWritesAsync(NpgsqlConnection connection, string table, string counter, CancellationToken cancellationToken)
        => await ScalarAsync<long?>(connection, """
            SELECT COALESCE(pg_sequence_last_value(s.oid), 0)
            FROM pg_class t JOIN pg_class s ON s.relnamespace = t.relnamespace AND s.relname = @counter AND s.relkind = 'S'
            WHERE t.oid = to_regclass(@table)
            """, cancellationToken, ("table", table), ("counter", counter)).ConfigureAwait(false);

    /// <summary>The planner's row estimate of the table.</summary>
    public static async Task<long> EstimatedRowsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
        => await ScalarAsync<long>(connection, "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass(@table)",
            cancellationToken, ("table", table)).ConfigureAwait(false);

    /// <summary>Whether the column is part of the table's primary key.</summary>
    public static async Task<bool> InPrimaryKeyAsync(NpgsqlConnection connection, string table, string column, CancellationToken cancellationToken)
        => await ScalarAsync<bool>(connection, $"""
            SELECT EXISTS (SELECT FROM pg_index i WHERE i.indrelid = to_regclass(@table) AND i.indisprimary AND ({AttributeNumber}) = ANY(i.indkey))
            """, cancellationToken, ("table", table), ("column", column)).ConfigureAwait(false);

    /// <summary>
    /// What would stop <c>DROP COLUMN</c> (no CASCADE): views and rules of other relations reading the column, and foreign keys of
    /// other tables referencing it. Indexes and constraints of the table itself go away with the column.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DependentsAsync(NpgsqlConnection connection, string table, string column, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT DISTINCT 'view ' || r.ev_class::regclass::text
            FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
            WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = to_regclass(@table)
              AND d.refobjsubid = ({AttributeNumber}) AND r.ev_class <> to_regclass(@table)
            UNION
            SELECT 'foreign key ' || quote_ident(c.conname) || ' of ' || c.conrelid::regclass::text
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.confrelid = to_regclass(@table) AND c.conrelid <> c.confrelid AND ({AttributeNumber}) = ANY(c.confkey)
            ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("column", column);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var dependents = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            dependents.Add(reader.GetString(0));
        }

        return dependents;
    }

    private const string AttributeNumber =
        "SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass(@table) AND attname = @column AND attnum > 0 AND NOT attisdropped";

    private static async Task<T?> ScalarAsync<T>(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is null or DBNull ? default : (T)result;
    }
}
