namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// The keyset walk shared by every batch form (the runner's SQL and typed batches, the script's <c>DO</c> block): the
/// next <c>n</c> keys after the last one, compared as a row value so any key type and composite keys work and the
/// key's index serves every batch alike (never <c>OFFSET</c>, which rereads all earlier rows).
/// <para>
/// The SQL form runs two statements per batch: <see cref="Range"/> finds how many keys the batch walks and its last
/// key (an index-only walk of the key), then <see cref="Update"/> changes the matching rows in that key range. The range
/// is passed as values, so the planner sees the real bounds and takes the key's index (a join to the batch's keys can
/// be planned as a scan of the whole table, batch after batch).
/// </para>
/// <para>
/// Statements are written once as templates over <see cref="KeyFragments"/>; the runner fills them with the key it
/// read from the catalog, the script's <c>DO</c> block fills them at run time from the same catalog query.
/// </para>
/// </summary>
internal static class KeysetBatchSql
{
    /// <summary>The batch's range: (keys walked, last key as <c>text[]</c>); the last key is null when none is left.</summary>
    public static string Range(string table, KeyFragments key, bool first, string limit)
        => $"""
            WITH esm_keys AS (
                SELECT {key.Aliased} FROM {table}{After(key, first)} ORDER BY {key.Columns} LIMIT {limit}
            )
            SELECT (SELECT count(*) FROM esm_keys), (SELECT ARRAY[{key.AliasesAsText}] FROM esm_keys ORDER BY {key.AliasesDescending} LIMIT 1)
            """;

    /// <summary>
    /// Updates the matching rows of the batch's range (after the last key, up to and including the range's last key).
    /// The target keeps its own name, so <c>set</c> and <c>where</c> may qualify columns with it.
    /// </summary>
    public static string Update(string table, KeyFragments key, string set, string? where, bool first)
        => $"UPDATE {table} SET {set} WHERE {(first ? string.Empty : $"({key.Columns}) > ({key.Bound}) AND ")}({key.Columns}) <= ({key.Upper})" +
           (where is null ? string.Empty : $" AND ({where})");

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
/// <param name="AliasesDescending"><c>esm_k1 DESC, esm_k2 DESC</c>.</param>
/// <param name="AliasesAsText"><c>esm_k1::text, esm_k2::text</c>.</param>
/// <param name="ColumnsAsText"><c>"a"::text AS esm_t1, "b"::text AS esm_t2</c>.</param>
/// <param name="Bound">The last key of the previous batch, typed again: <c>(@esm_last)[1]::bigint, (@esm_last)[2]::uuid</c>.</param>
/// <param name="Upper">The last key of this batch, likewise (<c>@esm_upper</c>).</param>
internal sealed record KeyFragments(
    string Columns, string Aliased, string AliasesDescending, string AliasesAsText, string ColumnsAsText, string Bound, string Upper)
{
    /// <summary>The fragments of a key read from the catalog, the bounds passed as the <c>text[]</c> parameters named.</summary>
    public static KeyFragments For(BackfillKey key, Func<string, string> quote, string lastParameter, string upperParameter)
    {
        var columns = key.Columns.Select(quote).ToArray();
        var aliases = Enumerable.Range(1, columns.Length).Select(i => $"esm_k{i}").ToArray();
        return new KeyFragments(
            string.Join(", ", columns),
            string.Join(", ", columns.Select((c, i) => $"{c} AS {aliases[i]}")),
            string.Join(", ", aliases.Select(a => a + " DESC")),
            string.Join(", ", aliases.Select(a => a + "::text")),
            // Aliased: an output column named like the key would take over ORDER BY "key" and sort the batch as text.
            string.Join(", ", columns.Select((c, i) => $"{c}::text AS esm_t{i + 1}")),
            Typed(key, lastParameter),
            Typed(key, upperParameter));
    }

    private static string Typed(BackfillKey key, string parameter) => string.Join(", ", key.Types.Select((t, i) => $"({parameter})[{i + 1}]::{t}"));
}
