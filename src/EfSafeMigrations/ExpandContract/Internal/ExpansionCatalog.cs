using Npgsql;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>The few catalog reads the expansion checks (and the backfill key check) make: tables and columns by their quoted, possibly qualified name.</summary>
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
    /// What would stop <c>DROP COLUMN</c> (no CASCADE): objects with a normal dependency on the column (views, other triggers,
    /// policies, SQL-standard function bodies, generated columns), and foreign keys of other tables referencing it. Indexes and
    /// constraints of the table itself go away with the column; the expansion's own trigger is dropped before it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DependentsAsync(NpgsqlConnection connection, string table, string column, CancellationToken cancellationToken)
        => await ListAsync(connection, $"""
            SELECT CASE WHEN d.classid = 'pg_rewrite'::regclass
                        THEN 'view ' || (SELECT ev_class::regclass::text FROM pg_rewrite WHERE oid = d.objid)
                        ELSE pg_describe_object(d.classid, d.objid, d.objsubid) END
            FROM pg_depend d
            WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = to_regclass(@table) AND d.refobjsubid = ({AttributeNumber}) AND d.deptype = 'n'
              AND NOT (d.classid = 'pg_trigger'::regclass AND EXISTS (SELECT FROM pg_trigger t WHERE t.oid = d.objid AND t.tgname LIKE 'esm\_x\_%'))
              AND NOT (d.classid = 'pg_rewrite'::regclass AND EXISTS (SELECT FROM pg_rewrite r WHERE r.oid = d.objid AND r.ev_class = to_regclass(@table)))
            UNION
            SELECT 'foreign key ' || quote_ident(c.conname) || ' of ' || c.conrelid::regclass::text
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.confrelid = to_regclass(@table) AND c.conrelid <> c.confrelid AND ({AttributeNumber}) = ANY(c.confkey)
            ORDER BY 1
            """, cancellationToken, ("table", table), ("column", column)).ConfigureAwait(false);

    /// <summary>
    /// The definitions of the table's indexes (primary key aside) and foreign key and check constraints (the library's own aside)
    /// that involve the column: <c>index: CREATE UNIQUE INDEX ...</c>, <c>constraint: FOREIGN KEY (...) ...</c>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DefinitionsAsync(NpgsqlConnection connection, string table, string? column, CancellationToken cancellationToken)
        => await ListAsync(connection, $"""
            SELECT 'index: ' || pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = to_regclass(@table) AND NOT i.indisprimary
              AND (@column::text IS NULL OR EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                                                AND d.refobjid = i.indrelid AND d.refobjsubid = ({AttributeNumber})))
            UNION ALL
            SELECT 'constraint: ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.conrelid = to_regclass(@table) AND c.contype IN ('f', 'c') AND c.conname NOT LIKE 'esm\_%'
              AND (@column::text IS NULL OR ({AttributeNumber}) = ANY(c.conkey))
            ORDER BY 1
            """, cancellationToken, ("table", table), ("column", (object?)column ?? DBNull.Value)).ConfigureAwait(false);

    /// <summary>
    /// How PostgreSQL spells <paramref name="declared"/> with its modifiers (<c>varchar(20)</c>: <c>character varying(20)</c>), read from
    /// a temporary table created in a transaction that is rolled back; null when it cannot tell.
    /// </summary>
    public static async Task<string?> SpellTypeAsync(NpgsqlConnection connection, string declared, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand(
                $"CREATE TEMP TABLE esm_type_probe (c {declared}) ON COMMIT DROP; " +
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'pg_temp.esm_type_probe'::regclass AND attname = 'c'",
                connection, transaction);
            return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException)
        {
            return null;
        }
        finally
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<(string Old, string New)> QuotedAsync(NpgsqlConnection connection, string old, string @new, CancellationToken cancellationToken)
    {
        var both = await ListAsync(connection, "SELECT quote_ident(@old) UNION ALL SELECT quote_ident(@new)", cancellationToken, ("old", old), ("new", @new))
            .ConfigureAwait(false);
        return (both[0], both[1]);
    }

    private static async Task<IReadOnlyList<string>> ListAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private const string AttributeNumber =
        "SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass(@table) AND attname = @column::text AND attnum > 0 AND NOT attisdropped";

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
