using System.Text;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Infrastructure;

/// <summary>
/// What the PostgreSQL catalog says about the user schemas of a database, as sorted lines, so that two
/// databases (say, migrated by plain EF and by the safe migrator) can be compared for equality and
/// a difference reads as a diff. Constraint validity and index validity are part of each line.
/// NOT NULL shows on the column line only: PostgreSQL 18 also records it as a constraint (contype 'n'),
/// which older servers do not, so the same schema reads the same on every version.
/// </summary>
public sealed record CatalogSnapshot(
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Constraints,
    IReadOnlyList<string> Indexes,
    IReadOnlyList<string> Sequences,
    IReadOnlyList<string> Enums,
    IReadOnlyList<string> Comments,
    IReadOnlyList<string> Collations,
    IReadOnlyList<string> Extensions)
{
    /// <summary>Tables that are bookkeeping, not schema: left out unless asked for.</summary>
    public static readonly IReadOnlySet<string> BookkeepingTables = new HashSet<string>(StringComparer.Ordinal)
    {
        "__EFMigrationsHistory",
        "__EfSafeMigrationsJournal",
        "__EfSafeMigrationsBackfill",
    };

    /// <summary>Reads the catalog of the database behind <paramref name="connectionString"/>.</summary>
    public static async Task<CatalogSnapshot> ReadAsync(string connectionString, bool includeBookkeeping = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var skip = includeBookkeeping ? [] : BookkeepingTables.ToArray();

        return new CatalogSnapshot(
            await QueryAsync(connection, skip, """
                SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT (c.relname = ANY(@skip)) AND {user_schema}
                """),
            await QueryAsync(connection, skip, """
                SELECT n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
                       || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
                       || CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END
                       || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                       || COALESCE(' COLLATE ' || co.collname, '')
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100 AND co.collname <> 'default'
                WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                  AND NOT (c.relname = ANY(@skip)) AND {user_schema}
                """),
            await QueryAsync(connection, skip, """
                SELECT n.nspname || '.' || c.relname || ' ' || con.conname || ' ' || con.contype::text || ' '
                       || pg_get_constraintdef(con.oid) || CASE WHEN con.convalidated THEN '' ELSE ' [NOT VALIDATED]' END
                FROM pg_constraint con
                JOIN pg_class c ON c.oid = con.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE con.contype <> 'n' AND NOT (c.relname = ANY(@skip)) AND {user_schema}
                """),
            await QueryAsync(connection, skip, """
                SELECT pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' [INVALID]' END
                       || CASE WHEN i.indisready THEN '' ELSE ' [NOT READY]' END
                FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT (c.relname = ANY(@skip)) AND {user_schema}
                """),
            await QueryAsync(connection, skip, """
                SELECT n.nspname || '.' || c.relname || ' ' || format_type(s.seqtypid, NULL)
                       || ' start ' || s.seqstart || ' increment ' || s.seqincrement
                FROM pg_sequence s
                JOIN pg_class c ON c.oid = s.seqrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE {user_schema}
                """),
            await QueryAsync(connection, skip, """
                SELECT n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                FROM pg_type t
                JOIN pg_enum e ON e.enumtypid = t.oid
                JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE {user_schema}
                GROUP BY n.nspname, t.typname
                """),
            await QueryAsync(connection, skip, """
                SELECT n.nspname || '.' || c.relname || COALESCE('.' || a.attname, '') || ' ' || d.description
                FROM pg_description d
                JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
                WHERE NOT (c.relname = ANY(@skip)) AND {user_schema}
                """),
            await QueryAsync(connection, skip, """
                SELECT n.nspname || '.' || c.collname || ' ' || c.collprovider::text || ' ' || c.collisdeterministic::text
                       || ' ' || COALESCE(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale', c.collcollate, '')
                FROM pg_collation c
                JOIN pg_namespace n ON n.oid = c.collnamespace
                WHERE {user_schema}
                """),
            await QueryAsync(connection, skip, """
                SELECT extname || ' ' || extnamespace::regnamespace::text FROM pg_extension WHERE extname <> 'plpgsql' AND @skip IS NOT NULL
                """));
    }

    /// <summary>Every line, headed by its section: readable in an assertion failure.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Section(string name, IEnumerable<string> lines)
        {
            text.AppendLine($"-- {name}");
            foreach (var line in lines)
            {
                text.AppendLine(line);
            }
        }

        Section("tables", Tables);
        Section("columns", Columns);
        Section("constraints", Constraints);
        Section("indexes", Indexes);
        Section("sequences", Sequences);
        Section("enums", Enums);
        Section("comments", Comments);
        Section("collations", Collations);
        Section("extensions", Extensions);
        return text.ToString();
    }

    private const string UserSchemaFilter =
        "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'";

    private static async Task<IReadOnlyList<string>> QueryAsync(NpgsqlConnection connection, string[] skip, string sql)
    {
        await using var command = new NpgsqlCommand(sql.Replace("{user_schema}", UserSchemaFilter, StringComparison.Ordinal), connection);
        command.Parameters.AddWithValue("skip", skip);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
