namespace EfSafeMigrations;

public static partial class RuleCatalog
{
    /// <summary>ESM0022: json column instead of jsonb.</summary>
    public static readonly Rule JsonInsteadOfJsonb = new(
        "ESM0022",
        "json column instead of jsonb",
        RuleCategory.TypeChoices,
        RuleSeverity.Warning,
        "Column {1}.{0} uses json",
        why: "json stores the text as written: it has no equality operator (SELECT DISTINCT, GROUP BY and UNION fail on it), cannot be indexed with GIN, and is reparsed on every access. Changing the type later rewrites the table (ESM0014).",
        safeAlternative: "Use jsonb.",
        unsafeSample: "migrationBuilder.AddColumn<string>(name: \"Settings\", table: \"Users\", type: \"json\", nullable: true);",
        safeSample: "migrationBuilder.AddColumn<string>(name: \"Settings\", table: \"Users\", type: \"jsonb\", nullable: true);");

    /// <summary>ESM0023: 32-bit integer primary key.</summary>
    public static readonly Rule IntegerPrimaryKey = new(
        "ESM0023",
        "32-bit integer primary key",
        RuleCategory.TypeChoices,
        RuleSeverity.Warning,
        "Primary key column {1}.{0} is {2}",
        why: "An integer (int4) key runs out at 2,147,483,647: inserts then fail. Widening it later is a type change (ESM0014) that rewrites the table and every table whose foreign keys reference it.",
        safeAlternative: "Use bigint (long) keys from the start.",
        unsafeSample: "public class Order { public int Id { get; set; } }",
        safeSample: "public class Order { public long Id { get; set; } }");

    /// <summary>ESM0024: serial column instead of identity.</summary>
    public static readonly Rule SerialInsteadOfIdentity = new(
        "ESM0024",
        "serial column instead of identity",
        RuleCategory.TypeChoices,
        RuleSeverity.Warning,
        "Column {1}.{0} uses serial",
        why: "A serial column is a plain column with a sequence default: its sequence needs its own permissions, is not copied by CREATE TABLE LIKE, and explicit inserts silently desynchronise it. Identity columns are the SQL-standard replacement without these pitfalls.",
        safeAlternative: "Use identity columns (Npgsql's default: UseIdentityByDefaultColumns / UseIdentityAlwaysColumns).",
        unsafeSample: "modelBuilder.UseSerialColumns();",
        safeSample: "modelBuilder.UseIdentityByDefaultColumns(); // Npgsql's default");

    /// <summary>ESM0025: timestamp without time zone.</summary>
    public static readonly Rule TimestampWithoutTimeZone = new(
        "ESM0025",
        "timestamp without time zone",
        RuleCategory.TypeChoices,
        RuleSeverity.Warning,
        "Column {1}.{0} uses timestamp without time zone",
        why: "timestamp without time zone stores a wall-clock reading with no offset: the same value means different instants on servers or clients in different zones, and daylight-saving changes make values ambiguous. Changing it later is a type change (ESM0014).",
        safeAlternative: "Use timestamp with time zone (timestamptz; Npgsql's mapping of DateTime with Kind=Utc and DateTimeOffset).",
        unsafeSample: "migrationBuilder.AddColumn<DateTime>(name: \"CreatedAt\", table: \"Users\", type: \"timestamp without time zone\", nullable: false);",
        safeSample: "migrationBuilder.AddColumn<DateTime>(name: \"CreatedAt\", table: \"Users\", type: \"timestamp with time zone\", nullable: true);");

    /// <summary>ESM0026: char(n) column.</summary>
    public static readonly Rule CharColumn = new(
        "ESM0026",
        "char(n) column",
        RuleCategory.TypeChoices,
        RuleSeverity.Warning,
        "Column {1}.{0} uses {2}",
        why: "char(n) pads values with spaces, compares and casts them with surprising trailing-space rules, and is no faster than text in PostgreSQL. Changing it later rewrites the table (ESM0014).",
        safeAlternative: "Use text (with a CHECK on the length if needed).",
        unsafeSample: "migrationBuilder.AddColumn<string>(name: \"CountryCode\", table: \"Users\", type: \"character(2)\", nullable: true);",
        safeSample: "migrationBuilder.AddColumn<string>(name: \"CountryCode\", table: \"Users\", type: \"text\", nullable: true);");

    /// <summary>ESM0027: varchar(n) column.</summary>
    public static readonly Rule VarcharWithLength = new(
        "ESM0027",
        "varchar(n) column",
        RuleCategory.TypeChoices,
        RuleSeverity.Warning,
        "Column {1}.{0} uses {2}",
        why: "Changing a varchar limit takes an ACCESS EXCLUSIVE lock (which queues behind every running query), and lowering it rewrites or scans the table. A text column with a CHECK on its length can change the limit with NOT VALID + VALIDATE instead, without blocking.",
        safeAlternative: "Use text plus a CHECK (char_length(column) <= n) constraint, or accept the warning for limits that will never change.",
        unsafeSample: "modelBuilder.Entity<User>().Property(u => u.Name).HasMaxLength(100); // character varying(100)",
        safeSample: "modelBuilder.Entity<User>().ToTable(t => t.HasCheckConstraint(\"CK_Users_Name_Length\", \"char_length(\\\"Name\\\") <= 100\"));");

    /// <summary>ESM0042: enum value added inside a transaction before PostgreSQL 12.</summary>
    public static readonly Rule EnumValueInTransaction = new(
        "ESM0042",
        "Enum value added inside a transaction before PostgreSQL 12",
        RuleCategory.TypeChoices,
        RuleSeverity.Error,
        "Enum {0} gets a new value inside the migration's transaction",
        why: "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block: the migration fails after its earlier statements ran.",
        safeAlternative: "Add the value in its own step outside the transaction (suppressTransaction: true, ADD VALUE IF NOT EXISTS), or upgrade to PostgreSQL 12+. Even on 12+, the new value cannot be used in the same transaction.",
        unsafeSample: "modelBuilder.HasPostgresEnum<Mood>(); // after adding Mood.Curious",
        safeSample: "migrationBuilder.Sql(\"ALTER TYPE mood ADD VALUE IF NOT EXISTS 'curious';\", suppressTransaction: true);",
        maximumPostgresVersion: 11,
        runtimeOnlyReason: "depends on the server's PostgreSQL version");

    /// <summary>ESM0052: 32-bit (or smaller) integer column that is not a key.</summary>
    public static readonly Rule IntegerColumn = new(
        "ESM0052",
        "32-bit integer column that is not a key",
        RuleCategory.TypeChoices,
        RuleSeverity.Info,
        "Column {1}.{0} is {2}; bigint leaves room to grow",
        why: "integer (int4) ends at 2,147,483,647 and smallint at 32,767. Counters, totals, external ids and foreign keys to bigint keys outgrow them, and widening the column later is a type change (ESM0014) that rewrites the table under an ACCESS EXCLUSIVE lock. bigint costs 4 more bytes per row (often nothing, with alignment). Informational: plenty of integer columns (a quantity, an age, a rating) never grow.",
        safeAlternative: "Use bigint (long) for ids, foreign keys, counters and sums; keep integer where the range is bounded by the domain, and turn the rule off or lower it per project with o.Lint.Disable(\"ESM0052\") if that is most columns.",
        unsafeSample: "migrationBuilder.AddColumn<int>(name: \"ExternalId\", table: \"Orders\", type: \"integer\", nullable: true);",
        safeSample: "migrationBuilder.AddColumn<long>(name: \"ExternalId\", table: \"Orders\", type: \"bigint\", nullable: true);");
}
