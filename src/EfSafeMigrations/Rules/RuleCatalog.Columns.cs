namespace EfSafeMigrations;

public static partial class RuleCatalog
{
    /// <summary>ESM0008: NOT NULL column without a default added to an existing table.</summary>
    public static readonly Rule NotNullColumnWithoutDefault = new(
        "ESM0008",
        "NOT NULL column without a default added to an existing table",
        RuleCategory.Columns,
        RuleSeverity.Error,
        "Column {1}.{0} is added NOT NULL without a default",
        why: "Existing rows would hold NULL in the new column, so the ALTER TABLE fails as soon as the table has a row. And code deployed before the migration, which does not know the column, can no longer insert.",
        safeAlternative: "Add the column nullable (or with a constant default), deploy code that writes it, backfill existing rows in batches, then make it NOT NULL (see ESM0007).",
        unsafeSample: "migrationBuilder.AddColumn<string>(name: \"Country\", table: \"Users\", nullable: false);",
        safeSample: "migrationBuilder.AddColumn<string>(name: \"Country\", table: \"Users\", nullable: true);\n// later, after the backfill: make it required in the model (ESM0007's safe form)",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0009: column added with a volatile default.</summary>
    public static readonly Rule VolatileDefault = new(
        "ESM0009",
        "Column added with a volatile default",
        RuleCategory.Columns,
        RuleSeverity.Error,
        "Column {1}.{0} is added with the volatile default {2}",
        why: "A default that changes from row to row (random(), gen_random_uuid(), uuid_generate_v4(), clock_timestamp(), nextval(), ...) must be computed and stored for every existing row: ADD COLUMN rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock, blocking every read and write. (Stable defaults such as now() or CURRENT_TIMESTAMP are evaluated once and are instant since PostgreSQL 11.)",
        safeAlternative: "Add the column without a default, then SET DEFAULT (it applies to new rows only, instantly), then backfill existing rows in batches.",
        unsafeSample: "migrationBuilder.AddColumn<Guid>(name: \"PublicId\", table: \"Users\", nullable: false, defaultValueSql: \"gen_random_uuid()\");",
        safeSample: "migrationBuilder.AddColumn<Guid>(name: \"PublicId\", table: \"Users\", nullable: true);\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Users\\\" ALTER COLUMN \\\"PublicId\\\" SET DEFAULT gen_random_uuid();\");\n// then backfill in batches outside the migration, and make it NOT NULL (ESM0007)",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0010: column added with any default before PostgreSQL 11.</summary>
    public static readonly Rule DefaultBeforePostgres11 = new(
        "ESM0010",
        "Column added with a default before PostgreSQL 11",
        RuleCategory.Columns,
        RuleSeverity.Error,
        "Column {1}.{0} is added with a default, which rewrites the table before PostgreSQL 11",
        why: "Before PostgreSQL 11, ADD COLUMN with any non-NULL default, even a constant, writes the default into every existing row: a full table rewrite under an ACCESS EXCLUSIVE lock.",
        safeAlternative: "Add the column without a default, SET DEFAULT separately, and backfill in batches; or upgrade to PostgreSQL 11+, where constant defaults are stored in the catalog and instant.",
        unsafeSample: "migrationBuilder.AddColumn<bool>(name: \"IsActive\", table: \"Users\", nullable: false, defaultValue: true);",
        safeSample: "migrationBuilder.AddColumn<bool>(name: \"IsActive\", table: \"Users\", nullable: true);\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Users\\\" ALTER COLUMN \\\"IsActive\\\" SET DEFAULT true;\");\n// backfill in batches, then make it NOT NULL",
        exemptWhenTableIsNew: true,
        maximumPostgresVersion: 10,
        runtimeOnlyReason: "depends on the server's PostgreSQL version");

    /// <summary>ESM0011: stored generated column added to an existing table.</summary>
    public static readonly Rule StoredGeneratedColumn = new(
        "ESM0011",
        "Stored generated column added to an existing table",
        RuleCategory.Columns,
        RuleSeverity.Error,
        "Stored generated column {1}.{0} is added to an existing table",
        why: "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED computes and stores the value for every existing row: a full table rewrite under an ACCESS EXCLUSIVE lock.",
        safeAlternative: "Add a plain nullable column, keep it up to date with a trigger or the application, and backfill existing rows in batches; or compute the value in a query or a view.",
        unsafeSample: "migrationBuilder.AddColumn<string>(name: \"FullName\", table: \"Users\", computedColumnSql: \"\\\"First\\\" || ' ' || \\\"Last\\\"\", stored: true);",
        safeSample: "migrationBuilder.AddColumn<string>(name: \"FullName\", table: \"Users\", nullable: true);\n// fill it from the application or a trigger; backfill existing rows in batches",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0012: identity or serial column added to an existing table.</summary>
    public static readonly Rule IdentityColumnOnExistingTable = new(
        "ESM0012",
        "Identity or serial column added to an existing table",
        RuleCategory.Columns,
        RuleSeverity.Error,
        "Auto-incrementing column {1}.{0} is added to an existing table",
        why: "Adding a serial, bigserial or identity column fills every existing row from the sequence: a full table rewrite under an ACCESS EXCLUSIVE lock.",
        safeAlternative: "Add a plain nullable bigint column, attach a sequence default for new rows, backfill existing rows in batches, then make it NOT NULL and add the identity or key separately.",
        unsafeSample: "migrationBuilder.AddColumn<long>(name: \"Number\", table: \"Orders\", nullable: false)\n    .Annotation(\"Npgsql:ValueGenerationStrategy\", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);",
        safeSample: "migrationBuilder.AddColumn<long>(name: \"Number\", table: \"Orders\", nullable: true);\nmigrationBuilder.Sql(\"CREATE SEQUENCE orders_number_seq OWNED BY \\\"Orders\\\".\\\"Number\\\";\");\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Orders\\\" ALTER COLUMN \\\"Number\\\" SET DEFAULT nextval('orders_number_seq');\");\n// backfill existing rows in batches",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0014: column type changed in a way that rewrites the table.</summary>
    public static readonly Rule ColumnTypeChange = new(
        "ESM0014",
        "Column type changed",
        RuleCategory.Columns,
        RuleSeverity.Error,
        "Column {1}.{0} changes type from {2} to {3}",
        why: "ALTER COLUMN ... TYPE rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking every read and write, unless the change is binary-compatible: varchar(n) to a larger limit, varchar to text, text or varchar to and from citext, numeric(p,s) to a larger precision with the same scale or to unconstrained numeric, a larger timestamp/time/interval precision, cidr to inet. timestamp to timestamptz keeps the table only when the session time zone is UTC (PostgreSQL 12+). Code deployed before the change may also fail to read or write the new type.",
        safeAlternative: "Expand and contract: add a column of the new type, write to both, backfill in batches, switch reads to the new column, then drop the old one in a later release.",
        unsafeSample: "migrationBuilder.AlterColumn<long>(name: \"Quantity\", table: \"Orders\", type: \"bigint\", oldClrType: typeof(int), oldType: \"integer\");",
        safeSample: "migrationBuilder.AddColumn<long>(name: \"QuantityV2\", table: \"Orders\", type: \"bigint\", nullable: true);\n// dual-write and backfill, switch reads, then drop \"Quantity\" in a later migration (ESM0018)",
        exemptWhenTableIsNew: true);
}
