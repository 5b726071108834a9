using System.Globalization;
using System.Text;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// A backfill as plain <c>Migrate()</c>, <c>dotnet ef database update</c> and SQL scripts run it: one <c>DO</c> block,
/// outside any transaction, that reads the key from the catalog, then walks it with the same keyset batch statements
/// the safe migrator runs (<see cref="KeysetBatchSql"/>), committing after each batch. No journal there: a stopped
/// script starts again at the first key, so its update must be idempotent (a <c>where</c> that excludes rows done).
/// The typed C# form has no SQL: its script form stops with an error that says so.
/// </summary>
internal static class BackfillScriptSql
{
    private const string Tag = "$esm_backfill$";

    // Runtime-built key fragments, spliced into the shared templates with replace().
    private static readonly KeyFragments Tokens = new(
        "/*esm:columns*/", "/*esm:aliased*/", "/*esm:desc*/", "/*esm:astext*/", "/*esm:colstext*/", "/*esm:bound*/", "/*esm:upper*/");

    public static string For(BackfillOperation operation, Func<string, string?, string> quote)
    {
        var table = quote(operation.Table, operation.Schema);
        var header = Header(operation, table);
        if (operation.Typed is not null || operation.Set is null)
        {
            var reason = $"EfSafeMigrations: the typed C# backfill of {table} ({operation.RowType}) runs only under MigrateSafelyAsync (its code is C#, " +
                         "not SQL); apply this migration with MigrateSafelyAsync or the migrate command.";
            return $"{header}\n-- {reason}\nDO {Tag} BEGIN RAISE EXCEPTION '%', {BatchLoopSql.Literal(reason)}; END {Tag};";
        }

        var limit = operation.BatchSize.ToString(CultureInfo.InvariantCulture);
        var templates = new[]
        {
            ("first_range", KeysetBatchSql.Range(table, Tokens, first: true, limit)),
            ("next_range", KeysetBatchSql.Range(table, Tokens, first: false, limit)),
            ("first_update", KeysetBatchSql.Update(table, Tokens, operation.Set, operation.Where, first: true)),
            ("next_update", KeysetBatchSql.Update(table, Tokens, operation.Set, operation.Where, first: false)),
        };
        if (!BatchLoopSql.CanQuote(Tag, [.. templates.Select(t => t.Item2)]))
        {
            throw new InvalidOperationException($"Backfill of {table}: its SQL contains {Tag}, which its script form uses as a quote; reword it.");
        }

        var block = BatchLoopSql.DoBlock(
            Tag,
            ["k record;", .. templates.Select(t => t.Item1 + " text;"), "last_key text[];", "upper_key text[];", "walked bigint;"],
            KeySetup(operation, table, templates),
            """
            EXECUTE CASE WHEN last_key IS NULL THEN first_range ELSE next_range END INTO walked, upper_key USING last_key;
            IF walked > 0 THEN
                EXECUTE CASE WHEN last_key IS NULL THEN first_update ELSE next_update END USING last_key, upper_key;
            END IF;
            last_key := upper_key;
            """,
            $"EXIT WHEN walked < {limit};");
        return header + "\n" + block;
    }

    private static string Header(BackfillOperation operation, string table)
        => $"-- EfSafeMigrations backfill of {table}" +
           (operation.Set is null ? string.Empty : $": SET {OneLine(operation.Set)}") +
           (operation.Where is null ? string.Empty : $" WHERE {OneLine(operation.Where)}") +
           $"\n-- in keyset batches of {operation.BatchSize} over {(operation.KeyColumns is { Length: > 0 } k ? string.Join(", ", k) : "the primary key")}, " +
           "each batch its own transaction; MigrateSafelyAsync checkpoints each batch in the journal and resumes there.";

    private static string OneLine(string sql) => string.Join(' ', sql.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    /// <summary>Reads the key's columns and types from the catalog and builds the batch statements from the shared templates.</summary>
    private static string KeySetup(BackfillOperation operation, string table, IEnumerable<(string Variable, string Template)> templates)
    {
        var explicitKey = operation.KeyColumns is { Length: > 0 } columns
            ? "ARRAY[" + string.Join(", ", columns.Select(BatchLoopSql.Literal)) + "]::text[]"
            : null;
        var keySource = explicitKey is null
            ? $"""
              FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS x(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.attnum
                  WHERE i.indrelid = {BatchLoopSql.Literal(table)}::regclass AND i.indisprimary
              """
            : $"""
              FROM unnest({explicitKey}) WITH ORDINALITY AS x(name, ord)
                  JOIN pg_attribute a ON a.attrelid = {BatchLoopSql.Literal(table)}::regclass AND a.attname = x.name AND NOT a.attisdropped
              """;
        var text = new StringBuilder();
        text.Append($"""
            SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY x.ord) AS columns,
                   string_agg(format('%I AS esm_k%s', a.attname, x.ord), ', ' ORDER BY x.ord) AS aliased,
                   string_agg('esm_k' || x.ord || ' DESC', ', ' ORDER BY x.ord) AS descending,
                   string_agg('esm_k' || x.ord || '::text', ', ' ORDER BY x.ord) AS astext,
                   string_agg(format('($1)[%s]::%s', x.ord, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY x.ord) AS bound,
                   string_agg(format('($2)[%s]::%s', x.ord, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY x.ord) AS upper
            INTO k
            {keySource};
            IF k.columns IS NULL THEN
                RAISE EXCEPTION 'EfSafeMigrations: % has no primary key (or the named key columns do not exist), so it cannot be backfilled in keyset batches', {BatchLoopSql.Literal(table)};
            END IF;

            """);
        foreach (var (variable, template) in templates)
        {
            text.Append(variable).Append(" := ").Append(BatchLoopSql.Literal(template)).Append(";\n");
            foreach (var (token, field) in new[]
                     {
                         (Tokens.Columns, "columns"), (Tokens.Aliased, "aliased"), (Tokens.AliasesDescending, "descending"),
                         (Tokens.AliasesAsText, "astext"), (Tokens.Bound, "bound"), (Tokens.Upper, "upper"),
                     })
            {
                text.Append(variable).Append(" := replace(").Append(variable).Append(", ").Append(BatchLoopSql.Literal(token)).Append(", k.").Append(field).Append(");\n");
            }
        }

        return text.ToString();
    }
}
