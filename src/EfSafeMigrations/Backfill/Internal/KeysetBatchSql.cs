namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// The keyset walk shared by every batch form (the runner's SQL and typed batches, the script's <c>DO</c> block): the
/// next <c>n</c> keys after the last one, compared as a row value so any key type and composite keys work and the
/// primary key's index serves every batch alike (never <c>OFFSET</c>, which rereads all earlier rows).
/// <para>
/// Statements are written once as templates over <see cref="KeyFragments"/>; the runner fills them with the key it
/// read from the catalog, the script's <c>DO</c> block fills them at run time from the same catalog query.
/// </para>
/// </summary>
internal static class KeysetBatchSql
{
    /// <summary>
    /// One batch of the SQL form: updates the matching rows among the next keys and returns (rows updated, keys
    /// walked, last key as <c>text[]</c>). The target keeps its own name, so <c>set</c> and <c>where</c> may qualify columns with it.
    /// </summary>
    public static string Update(string table, string tableName, KeyFragments key, string set, string? where, bool first, string limit)
        => $"""
            WITH esm_keys AS (
                SELECT {key.Aliased} FROM {table}{After(key, first)} ORDER BY {key.Columns} LIMIT {limit}
            ), esm_updated AS (
                UPDATE {table} SET {set} FROM esm_keys
                WHERE ({key.QualifiedBy(tableName)}) = ({key.Aliases}){(where is null ? string.Empty : $" AND ({where})")}
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM esm_updated), (SELECT count(*) FROM esm_keys),
                   (SELECT ARRAY[{key.AliasesAsText}] FROM esm_keys ORDER BY {key.AliasesDescending} LIMIT 1)
            """;

    /// <summary>
    /// One batch of the typed form: the next keys (as text) with whether each row matches and the row's columns, the rows
    /// locked (<c>FOR NO KEY UPDATE</c>: foreign keys pointing at them stay insertable) until the batch commits.
    /// </summary>
    public static string Select(string table, KeyFragments key, IEnumerable<string> columns, string? where, bool first, string limit)
        => $"""
            SELECT {key.ColumnsAsText}, {(where is null ? "true" : $"({where})")}, {string.Join(", ", columns)}
            FROM {table}{After(key, first)} ORDER BY {key.Columns} LIMIT {limit} FOR NO KEY UPDATE
            """;

    private static string After(KeyFragments key, bool first) => first ? string.Empty : $" WHERE ({key.Columns}) > ({key.Bound})";
}

/// <summary>
/// The pieces of a key the batch statements need, as SQL text: either the key's own columns (the runner) or
/// PL/pgSQL expressions that build them at run time (the script's <c>DO</c> block).
/// </summary>
/// <param name="Columns"><c>"a", "b"</c>.</param>
/// <param name="Aliased"><c>"a" AS esm_k1, "b" AS esm_k2</c>.</param>
/// <param name="Aliases"><c>esm_k1, esm_k2</c>.</param>
/// <param name="AliasesDescending"><c>esm_k1 DESC, esm_k2 DESC</c>.</param>
/// <param name="AliasesAsText"><c>esm_k1::text, esm_k2::text</c>.</param>
/// <param name="ColumnsAsText"><c>"a"::text AS esm_t1, "b"::text AS esm_t2</c>.</param>
/// <param name="Bound">The last key, typed again: <c>(@last)[1]::bigint, (@last)[2]::uuid</c>.</param>
/// <param name="Qualified">The columns qualified by a placeholder for the table's name (<see cref="QualifiedBy"/>).</param>
internal sealed record KeyFragments(
    string Columns, string Aliased, string Aliases, string AliasesDescending, string AliasesAsText, string ColumnsAsText, string Bound, string Qualified)
{
    public const string TablePlaceholder = "/*esm_table*/";

    public string QualifiedBy(string tableName) => Qualified.Replace(TablePlaceholder, tableName, StringComparison.Ordinal);

    /// <summary>The fragments of a key read from the catalog, the last key passed as the <c>text[]</c> parameter <paramref name="lastParameter"/>.</summary>
    public static KeyFragments For(BackfillKey key, Func<string, string> quote, string lastParameter)
    {
        var columns = key.Columns.Select(quote).ToArray();
        var aliases = Enumerable.Range(1, columns.Length).Select(i => $"esm_k{i}").ToArray();
        return new KeyFragments(
            string.Join(", ", columns),
            string.Join(", ", columns.Select((c, i) => $"{c} AS {aliases[i]}")),
            string.Join(", ", aliases),
            string.Join(", ", aliases.Select(a => a + " DESC")),
            string.Join(", ", aliases.Select(a => a + "::text")),
            // Aliased: an output column named like the key would take over ORDER BY "key" and sort the batch as text.
            string.Join(", ", columns.Select((c, i) => $"{c}::text AS esm_t{i + 1}")),
            string.Join(", ", key.Types.Select((t, i) => $"({lastParameter})[{i + 1}]::{t}")),
            string.Join(", ", columns.Select(c => TablePlaceholder + "." + c)));
    }
}
