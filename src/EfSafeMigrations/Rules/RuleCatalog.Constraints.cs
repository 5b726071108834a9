namespace EfSafeMigrations;

public static partial class RuleCatalog
{
    /// <summary>ESM0004: foreign key added without NOT VALID.</summary>
    public static readonly Rule ForeignKeyWithoutNotValid = new(
        "ESM0004",
        "Foreign key added without NOT VALID",
        RuleCategory.Constraints,
        RuleSeverity.Error,
        "Foreign key {0} on existing table {1} is added without NOT VALID",
        why: "ADD FOREIGN KEY takes a SHARE ROW EXCLUSIVE lock on both tables and scans the whole referencing table to check existing rows: writes to both tables are blocked for the scan.",
        safeAlternative: "Add the constraint NOT VALID (instant: only new rows are checked), then VALIDATE CONSTRAINT in a separate transaction, which takes a SHARE UPDATE EXCLUSIVE lock: reads and writes go on. EfSafeMigrations' SQL generator does both.",
        unsafeSample: "migrationBuilder.AddForeignKey(name: \"FK_Orders_Users_UserId\", table: \"Orders\", column: \"UserId\", principalTable: \"Users\", principalColumn: \"Id\");",
        safeSample: "migrationBuilder.Sql(\"ALTER TABLE \\\"Orders\\\" ADD CONSTRAINT \\\"FK_Orders_Users_UserId\\\" FOREIGN KEY (\\\"UserId\\\") REFERENCES \\\"Users\\\" (\\\"Id\\\") NOT VALID;\");\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Orders\\\" VALIDATE CONSTRAINT \\\"FK_Orders_Users_UserId\\\";\", suppressTransaction: true);",
        autoFixedBySafeGenerator: true,
        exemptWhenTableIsNew: true);

    /// <summary>ESM0005: CHECK constraint added without NOT VALID.</summary>
    public static readonly Rule CheckWithoutNotValid = new(
        "ESM0005",
        "CHECK constraint added without NOT VALID",
        RuleCategory.Constraints,
        RuleSeverity.Error,
        "Check constraint {0} on existing table {1} is added without NOT VALID",
        why: "ADD CONSTRAINT ... CHECK takes an ACCESS EXCLUSIVE lock and scans the whole table to check existing rows: every read and write waits for the scan.",
        safeAlternative: "Add the check NOT VALID (instant), then VALIDATE CONSTRAINT in a separate transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on). EfSafeMigrations' SQL generator does both.",
        unsafeSample: "migrationBuilder.AddCheckConstraint(name: \"CK_Orders_Total\", table: \"Orders\", sql: \"\\\"Total\\\" >= 0\");",
        safeSample: "migrationBuilder.Sql(\"ALTER TABLE \\\"Orders\\\" ADD CONSTRAINT \\\"CK_Orders_Total\\\" CHECK (\\\"Total\\\" >= 0) NOT VALID;\");\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Orders\\\" VALIDATE CONSTRAINT \\\"CK_Orders_Total\\\";\", suppressTransaction: true);",
        autoFixedBySafeGenerator: true,
        exemptWhenTableIsNew: true);

    /// <summary>ESM0006: VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID.</summary>
    public static readonly Rule ValidateInSameTransaction = new(
        "ESM0006",
        "Constraint validated in the transaction that added it",
        RuleCategory.Constraints,
        RuleSeverity.Error,
        "Constraint {0} on table {1} is validated in the same transaction that added it NOT VALID",
        why: "ADD CONSTRAINT ... NOT VALID takes a lock (ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE for a foreign key) that is held until the transaction ends. VALIDATE CONSTRAINT in the same transaction then scans the table while that lock is still held, so NOT VALID gains nothing.",
        safeAlternative: "Validate in a separate transaction: a later migration, or a step with suppressTransaction: true.",
        unsafeSample: "migrationBuilder.Sql(\"ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;\");\nmigrationBuilder.Sql(\"ALTER TABLE orders VALIDATE CONSTRAINT ck_total;\");",
        safeSample: "migrationBuilder.Sql(\"ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;\");\nmigrationBuilder.Sql(\"ALTER TABLE orders VALIDATE CONSTRAINT ck_total;\", suppressTransaction: true);");

    /// <summary>ESM0007: SET NOT NULL on an existing column.</summary>
    public static readonly Rule SetNotNull = new(
        "ESM0007",
        "NOT NULL set on an existing column",
        RuleCategory.Constraints,
        RuleSeverity.Error,
        "Column {1}.{0} is made NOT NULL",
        why: "ALTER COLUMN ... SET NOT NULL takes an ACCESS EXCLUSIVE lock and scans the whole table for NULLs: every read and write waits for the scan, and one NULL row fails the migration.",
        safeAlternative: "Add CHECK (column IS NOT NULL) NOT VALID, VALIDATE it in a separate transaction, then SET NOT NULL (PostgreSQL 12+ proves it from the validated check without a scan) and drop the check. EfSafeMigrations' SQL generator does this; backfill the NULLs first.",
        unsafeSample: "migrationBuilder.AlterColumn<string>(name: \"Email\", table: \"Users\", nullable: false, oldClrType: typeof(string), oldNullable: true);",
        safeSample: "migrationBuilder.Sql(\"ALTER TABLE \\\"Users\\\" ADD CONSTRAINT \\\"CK_Users_Email_NotNull\\\" CHECK (\\\"Email\\\" IS NOT NULL) NOT VALID;\");\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Users\\\" VALIDATE CONSTRAINT \\\"CK_Users_Email_NotNull\\\";\", suppressTransaction: true);\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Users\\\" ALTER COLUMN \\\"Email\\\" SET NOT NULL;\"); // PG 12+: no scan\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Users\\\" DROP CONSTRAINT \\\"CK_Users_Email_NotNull\\\";\");",
        autoFixedBySafeGenerator: true,
        exemptWhenTableIsNew: true);

    /// <summary>ESM0013: UNIQUE or PRIMARY KEY constraint added to an existing table.</summary>
    public static readonly Rule UniqueOrPrimaryKeyOnExistingTable = new(
        "ESM0013",
        "UNIQUE or PRIMARY KEY constraint added to an existing table",
        RuleCategory.Constraints,
        RuleSeverity.Error,
        "{2} constraint {0} is added to existing table {1}",
        why: "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: every read and write waits for the whole build. A PRIMARY KEY also makes its columns NOT NULL, with a scan.",
        safeAlternative: "CREATE UNIQUE INDEX CONCURRENTLY (outside a transaction), then ALTER TABLE ... ADD CONSTRAINT ... UNIQUE / PRIMARY KEY USING INDEX, which is instant. EfSafeMigrations' SQL generator does this.",
        unsafeSample: "migrationBuilder.AddUniqueConstraint(name: \"AK_Users_Email\", table: \"Users\", column: \"Email\");",
        safeSample: "migrationBuilder.Sql(\"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \\\"AK_Users_Email\\\" ON \\\"Users\\\" (\\\"Email\\\");\", suppressTransaction: true);\nmigrationBuilder.Sql(\"ALTER TABLE \\\"Users\\\" ADD CONSTRAINT \\\"AK_Users_Email\\\" UNIQUE USING INDEX \\\"AK_Users_Email\\\";\");",
        autoFixedBySafeGenerator: true,
        exemptWhenTableIsNew: true);

    /// <summary>ESM0021: NOT NULL dropped from a column.</summary>
    public static readonly Rule DropNotNull = new(
        "ESM0021",
        "NOT NULL dropped from a column",
        RuleCategory.Constraints,
        RuleSeverity.Warning,
        "Column {1}.{0} becomes nullable",
        why: "The change itself is instant, but every reader that relies on the column never being NULL (code deployed before this migration, reports, other services) breaks on the first NULL written.",
        safeAlternative: "Make sure every reader handles NULL before deploying the change, then assure the migration.",
        unsafeSample: "migrationBuilder.AlterColumn<string>(name: \"Email\", table: \"Users\", nullable: true, oldClrType: typeof(string), oldNullable: false);",
        safeSample: "[SafetyAssured(\"ESM0021\", Reason = \"all readers of Users.Email handle NULL since v2.3\")]\npublic partial class MakeEmailOptional : Migration { ... }",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0044: exclusion constraint added to an existing table.</summary>
    public static readonly Rule ExclusionConstraintOnExistingTable = new(
        "ESM0044",
        "Exclusion constraint added to an existing table",
        RuleCategory.Constraints,
        RuleSeverity.Error,
        "Exclusion constraint {0} is added to existing table {1}",
        why: "ADD CONSTRAINT ... EXCLUDE builds its index and checks every existing row against every other under an ACCESS EXCLUSIVE lock: nothing can read or write the table until the build ends. Unlike a CHECK or a foreign key it has no NOT VALID form, and unlike UNIQUE it cannot be attached to an index built CONCURRENTLY, so there is no online way to add it.",
        safeAlternative: "Declare the exclusion constraint when the table is created (CREATE TABLE, or a new table filled by a job and swapped in), or add it in a maintenance window, assured with [SafetyAssured(\"ESM0044\", Reason = ...)]. On a small table, lock_timeout bounds the wait for the lock but not the build.",
        unsafeSample: "migrationBuilder.Sql(\"ALTER TABLE bookings ADD CONSTRAINT ex_bookings_room EXCLUDE USING gist (room_id WITH =, during WITH &&);\");",
        safeSample: "migrationBuilder.Sql(\"CREATE TABLE bookings (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, room_id bigint NOT NULL, during tstzrange NOT NULL, EXCLUDE USING gist (room_id WITH =, during WITH &&));\");",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0046: unique index or constraint built on an existing table, which fails on duplicates.</summary>
    public static readonly Rule UniqueIndexOnExistingData = new(
        "ESM0046",
        "Unique index or constraint built over existing rows",
        RuleCategory.Constraints,
        RuleSeverity.Warning,
        "{0} on existing table {1} fails if its rows hold duplicates{2}",
        why: "A unique index, UNIQUE constraint or PRIMARY KEY checks the rows already in the table: one duplicate key (or, for a primary key, one NULL) fails the migration. Built CONCURRENTLY (the safe form of ESM0001 and ESM0013), the failed build also leaves an INVALID index behind: it is not used by queries, yet every write keeps updating it, and a retry without dropping it first fails with 'relation already exists' (or, with IF NOT EXISTS, silently keeps the broken index).",
        safeAlternative: "Remove the duplicates first (a data migration or job, in batches), then build the index. With MigrateSafelyAsync the data preflight counts the duplicates of unique indexes and constraints added by migration operations before anything runs, and stops with the offending keys; the finding is then informational. Raw SQL is not preflighted: check it with SELECT cols, count(*) FROM t GROUP BY cols HAVING count(*) > 1.",
        unsafeSample: "migrationBuilder.CreateIndex(name: \"IX_Users_Email\", table: \"Users\", column: \"Email\", unique: true)\n    .Annotation(\"Npgsql:CreatedConcurrently\", true);",
        safeSample: "// after a job has removed the duplicates, with the data preflight on (the default of UseSafeMigrations):\nmigrationBuilder.CreateIndex(name: \"IX_Users_Email\", table: \"Users\", column: \"Email\", unique: true)\n    .Annotation(\"Npgsql:CreatedConcurrently\", true);",
        exemptWhenTableIsNew: true,
        checkedByDataPreflight: true);

    /// <summary>ESM0048: foreign key dropped.</summary>
    public static readonly Rule ForeignKeyDropped = new(
        "ESM0048",
        "Foreign key dropped",
        RuleCategory.Constraints,
        RuleSeverity.Warning,
        "Foreign key {0} on table {1} is dropped",
        why: "Dropping a foreign key is instant, but from then on nothing stops rows that point to missing parents: orphans accumulate silently, and code that relied on the database to refuse them (or to cascade deletes) misbehaves without an error. Adding the key back later needs a scan (ESM0004) and fails on the orphans written meanwhile.",
        safeAlternative: "Keep the foreign key unless the relationship is really gone. When a key is replaced (renamed, retargeted), add the new one in the same migration (NOT VALID, then VALIDATE). Assure a deliberate drop with [SafetyAssured(\"ESM0048\", Reason = ...)].",
        unsafeSample: "migrationBuilder.DropForeignKey(name: \"FK_Orders_Users_UserId\", table: \"Orders\");",
        safeSample: "migrationBuilder.DropForeignKey(name: \"FK_Orders_Users_UserId\", table: \"Orders\");\nmigrationBuilder.AddForeignKey(name: \"FK_Orders_Customers_UserId\", table: \"Orders\", column: \"UserId\", principalTable: \"Customers\", principalColumn: \"Id\");",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0049: ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID.</summary>
    public static readonly Rule DomainConstraintWithoutNotValid = new(
        "ESM0049",
        "Domain constraint added without NOT VALID",
        RuleCategory.Constraints,
        RuleSeverity.Error,
        "{0} checks every column that uses domain {1}",
        why: "ALTER DOMAIN ... ADD CONSTRAINT (and ALTER DOMAIN ... SET NOT NULL) checks every row of every table with a column of that domain, holding a SHARE lock on each of those tables for the whole scan: writes to all of them wait, and one violating row fails the migration.",
        safeAlternative: "Add a CHECK constraint NOT VALID (instant: only new values are checked), then ALTER DOMAIN ... VALIDATE CONSTRAINT in a separate transaction, which does not block writes. For NOT NULL, use a CHECK (VALUE IS NOT NULL) constraint added the same way.",
        unsafeSample: "migrationBuilder.Sql(\"ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');\");",
        safeSample: "migrationBuilder.Sql(\"ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') NOT VALID;\");\nmigrationBuilder.Sql(\"ALTER DOMAIN email VALIDATE CONSTRAINT email_has_at;\", suppressTransaction: true);");
}
