using Npgsql;

namespace EfSafeMigrations.Check;

/// <summary>A column of the live database, as <c>pg_catalog</c> describes it.</summary>
internal sealed record LiveColumn(string Schema, string Table, string Name, string StoreType, bool IsNullable);

/// <summary>Reads the tables and columns of the given schemas from the live database.</summary>
internal static class LiveSchemaReader
{
    public static async Task<(IReadOnlySet<(string Schema, string Table)> Tables, IReadOnlyList<LiveColumn> Columns)> ReadAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string> schemas, CancellationToken cancellationToken)
    {
        var tables = new HashSet<(string, string)>();
        var columns = new List<LiveColumn>();
        await using var command = new NpgsqlCommand("""
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(@schemas) AND NOT c.relispartition
            ORDER BY 1, 2, a.attnum
            """, connection);
        command.Parameters.AddWithValue("schemas", schemas.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var schema = reader.GetString(0);
            var table = reader.GetString(1);
            tables.Add((schema, table));
            if (!reader.IsDBNull(2))
            {
                columns.Add(new LiveColumn(schema, table, reader.GetString(2), reader.GetString(3), reader.GetBoolean(4)));
            }
        }

        return (tables, columns);
    }
}
