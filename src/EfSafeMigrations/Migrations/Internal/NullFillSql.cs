using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// The fill of NULLs that EF's "nullable column made required" shape needs before <c>SET NOT NULL</c>:
/// <c>AlterColumn(nullable: false, defaultValue: X, oldNullable: true)</c>, for which Npgsql writes
/// <c>UPDATE t SET c = X WHERE c IS NULL</c> inside the ALTER (under its ACCESS EXCLUSIVE lock). The safe form runs
/// the fill first, in batches that each commit, so the helper CHECK validates and no long lock is held.
/// <para>
/// Scaffolded migrations show the fill as a plain <c>Sql("-- EfSafeMigrations: fill NULLs ...\nUPDATE ...")</c> step
/// (correct under plain EF tools, which run it in the migration's transaction); the safe generator recognises the
/// marker line and runs the batched form outside the transaction.
/// </para>
/// </summary>
internal static partial class NullFillSql
{
    /// <summary>The first line of a scaffolded fill step: how the safe generator recognises it.</summary>
    public const string Marker = "-- EfSafeMigrations: fill NULLs before SET NOT NULL (run in batches by the safe migrator)";

    private const string DollarTag = "$esm_fill$";

    /// <summary>Whether the migration must fill NULLs before the column can become NOT NULL (EF's defaultValue shape).</summary>
    public static bool NeedsFill(AlterColumnOperation column)
        => column.OldColumn.IsNullable && !column.IsNullable && (column.DefaultValue is not null || column.DefaultValueSql is not null);

    /// <summary>
    /// Whether the column keeps its type: the fill runs before the ALTER, so its value must fit the old type too.
    /// A type change rewrites the table under ACCESS EXCLUSIVE anyway; the plain form is kept there.
    /// </summary>
    public static bool KeepsType(AlterColumnOperation column)
        => column.ColumnType is null || column.OldColumn.ColumnType is null
           || string.Equals(Normalize(column.ColumnType), Normalize(column.OldColumn.ColumnType), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string type) => WhiteSpace().Replace(type.Trim(), " ");

    /// <summary>The value the fill writes, as SQL: the default's expression, or its literal as EF's generator renders it.</summary>
    public static string ValueSql(AlterColumnOperation column, IRelationalTypeMappingSource typeMappings)
    {
        if (column.DefaultValueSql is not null)
        {
            return column.DefaultValueSql;
        }

        var value = column.DefaultValue!;
        var mapping = (column.ColumnType is null ? null : typeMappings.FindMapping(value.GetType(), column.ColumnType))
                      ?? typeMappings.GetMappingForValue(value);
        return mapping.GenerateSqlLiteral(value);
    }

    /// <summary>The scaffolded step: one UPDATE behind the marker line.</summary>
    public static string Scaffolded(ISqlGenerationHelper sql, string? schema, string table, string column, string value)
        => $"{Marker}\n{PlainUpdate(sql, schema, table, column, value)}";

    public static string PlainUpdate(ISqlGenerationHelper sql, string? schema, string table, string column, string value)
        => $"UPDATE {sql.DelimitIdentifier(table, schema)} SET {sql.DelimitIdentifier(column)} = {value} WHERE {sql.DelimitIdentifier(column)} IS NULL;";

    /// <summary>Reads a scaffolded fill step back: null when <paramref name="sql"/> is not one.</summary>
    public static ScaffoldedFill? TryParse(string sql)
    {
        var text = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!text.StartsWith(Marker + "\n", StringComparison.Ordinal))
        {
            return null;
        }

        var match = UpdatePattern().Match(text[(Marker.Length + 1)..].Trim());
        return match.Success && match.Groups["c1"].Value == match.Groups["c2"].Value
            ? new ScaffoldedFill(match.Groups["table"].Value, match.Groups["c1"].Value, match.Groups["value"].Value)
            : null;
    }

    /// <summary>
    /// The batched fill, one statement to run outside any transaction: each batch of NULL rows (found through a
    /// TID scan, so any table, with or without a key) is updated and committed on its own, holding its row locks
    /// briefly; batches are sized for about 50 rounds. Idempotent: a retry or a resumed run fills what is left.
    /// </summary>
    public static string Batched(string quotedTable, string quotedColumn, string value)
    {
        if (!Backfill.Internal.BatchLoopSql.CanQuote(DollarTag, value))
        {
            // Cannot be quoted inside the block: the plain UPDATE (one transaction) is still correct.
            return $"UPDATE {quotedTable} SET {quotedColumn} = {value} WHERE {quotedColumn} IS NULL;";
        }

        var update = $"UPDATE {quotedTable} SET {quotedColumn} = {value} " +
                     $"WHERE ctid = ANY (ARRAY(SELECT ctid FROM {quotedTable} WHERE {quotedColumn} IS NULL LIMIT batch_size))";
        return Backfill.Internal.BatchLoopSql.DoBlock(
            DollarTag,
            ["batch_size bigint;", "filled bigint;", "idle int := 0;"],
            $"SELECT greatest(10000, count(*) / 50) INTO batch_size FROM {quotedTable} WHERE {quotedColumn} IS NULL;",
            $"""
            {update};
            GET DIAGNOSTICS filled = ROW_COUNT;
            """,
            $"""
            IF filled = 0 THEN
                EXIT WHEN NOT EXISTS (SELECT 1 FROM {quotedTable} WHERE {quotedColumn} IS NULL);
                idle := idle + 1;
                IF idle >= 3 THEN
                    RAISE EXCEPTION 'EfSafeMigrations: NULLs in %.% keep coming back while filling them (a trigger or a writer sets NULL)',
                        {Literal(quotedTable)}, {Literal(quotedColumn)};
                END IF;
            ELSE
                idle := 0;
            END IF;
            """);
    }

    private static string Literal(string text) => SafeSql.Literal(text);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // UPDATE <table> SET <column> = <value> WHERE <column> IS NULL;  (identifiers as the generator quotes them)
    // (identifiers: "quoted, with ""escapes"" and spaces" or bare; the table optionally schema-qualified)
    [GeneratedRegex("""^UPDATE\s+(?<table>(?:"(?:[^"]|"")*"|[^\s".]+)(?:\.(?:"(?:[^"]|"")*"|[^\s".]+))?)\s+SET\s+(?<c1>"(?:[^"]|"")*"|[^\s".]+)\s+=\s+(?<value>.+)\s+WHERE\s+(?<c2>"(?:[^"]|"")*"|[^\s".]+)\s+IS\s+NULL;?$""",
        RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex UpdatePattern();
}

/// <summary>A scaffolded fill step, read back: quoted table and column, and the value's SQL.</summary>
internal sealed record ScaffoldedFill(string QuotedTable, string QuotedColumn, string Value);
