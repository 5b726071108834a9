namespace EfSafeMigrations.Push.Internal.Catalog;

/// <summary>The pg_catalog queries behind <see cref="CatalogReader"/>; all run under <c>search_path = pg_catalog</c>.</summary>
internal static class CatalogQueries
{
    private const string UserNamespace =
        "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' " +
        "AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";

    private const string NotFromExtension =
        "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = {0}::regclass AND e.objid = {1} AND e.deptype = 'e')";

    public static readonly string Schemas = $"""
        SELECT n.nspname FROM pg_namespace n
        WHERE {UserNamespace} AND {string.Format(NotFromExtension, "'pg_namespace'", "n.oid")}
        """;

    public const string Extensions = "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'";

    // Read through to_jsonb so one query serves every major: the ICU locale is colliculocale in 15-16,
    // colllocale from 17, and collcollate (= collctype) before 15; ICU rules exist from 16. An ICU collation's
    // collcollate/collctype are left out so it reads the same on every major.
    public static readonly string Collations = $"""
        SELECT n.nspname, c.collname, c.collprovider, c.collisdeterministic,
               coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale',
                        CASE WHEN c.collprovider = 'i' THEN c.collcollate END),
               CASE WHEN c.collprovider = 'i' THEN NULL ELSE c.collcollate END,
               CASE WHEN c.collprovider = 'i' THEN NULL ELSE c.collctype END,
               to_jsonb(c) ->> 'collicurules'
        FROM pg_collation c
        JOIN pg_namespace n ON n.oid = c.collnamespace
        WHERE {UserNamespace} AND {string.Format(NotFromExtension, "'pg_collation'", "c.oid")}
        """;

    public static readonly string Enums = $"""
        SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE {UserNamespace} AND {string.Format(NotFromExtension, "'pg_type'", "t.oid")}
        GROUP BY n.nspname, t.typname
        """;

    public static readonly string Tables = $"""
        SELECT c.oid, n.nspname, c.relname, c.relpersistence, obj_description(c.oid, 'pg_class')
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND {UserNamespace}
          AND {string.Format(NotFromExtension, "'pg_class'", "c.oid")}
        """;

    // deptype 'i' = identity sequence of a column, 'a' = sequence OWNED BY a column (serial).
    public static readonly string Sequences = $"""
        SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
               s.seqcache, s.seqcycle, d.deptype, d.refobjid, d.refobjsubid::int2, a.attname,
               format('nextval(%L::regclass)', c.oid::regclass::text)
        FROM pg_sequence s
        JOIN pg_class c ON c.oid = s.seqrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
             AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE {UserNamespace} AND {string.Format(NotFromExtension, "'pg_class'", "c.oid")}
        """;

    public const string Columns = """
        SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
               a.attgenerated, pg_get_expr(d.adbin, d.adrelid),
               CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
                    THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,
               col_description(a.attrelid, a.attnum)
        FROM pg_attribute a
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE a.attrelid = ANY(@oids::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """;

    public const string Constraints = """
        SELECT con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid), con.convalidated,
               ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
               rn.nspname, rc.relname,
               ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
               con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, con.condeferred
        FROM pg_constraint con
        LEFT JOIN pg_class rc ON rc.oid = con.confrelid
        LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE con.conrelid = ANY(@oids::oid[]) AND con.contype IN ('p', 'u', 'c', 'f', 'x')
        """;

    // Indexes that back a primary key, unique or exclusion constraint belong to the constraint.
    public const string Indexes = """
        SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, i.indisvalid AND i.indisready,
               quote_ident(n.nspname) || '.' || quote_ident(c.relname),
               ARRAY(SELECT DISTINCT a.attname::text FROM pg_depend d
                     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                     WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                       AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0)
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.indrelid = ANY(@oids::oid[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                          WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
        """;
}
