using Npgsql;
using NpgsqlTypes;

namespace EfSafeMigrations.DataPreflight.Internal;

/// <summary>What the catalog says of a table before the run: its columns, its key (for sample rows) and its estimated size.</summary>
internal sealed record TableFacts(IReadOnlySet<string> Columns, IReadOnlyList<string> KeyColumns, long EstimatedRows)
{
    /// <summary>Null when the table does not exist (the step then fails, or makes it, on its own terms).</summary>
    public static async Task<TableFacts?> LoadAsync(NpgsqlConnection connection, string quotedTable, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.attname, a.attnum, COALESCE(i.indkey::text, ''), c.reltuples::bigint
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
            WHERE c.oid = to_regclass(@table)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("table", NpgsqlDbType.Text) { Value = quotedTable });
        var columns = new HashSet<string>(StringComparer.Ordinal);
        var byNumber = new Dictionary<short, string>();
        var keyNumbers = string.Empty; // int2vector as text: "1 3"
        long estimate = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(reader.GetString(0));
                byNumber[reader.GetInt16(1)] = reader.GetString(0);
                keyNumbers = reader.GetString(2);
                estimate = reader.GetInt64(3);
            }
        }

        var key = keyNumbers.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => short.Parse(n, System.Globalization.CultureInfo.InvariantCulture))
            .Select(n => byNumber.GetValueOrDefault(n))
            .ToList();
        return columns.Count == 0 ? null : new TableFacts(columns, key.Contains(null) ? [] : key.OfType<string>().ToList(), estimate);
    }
}
