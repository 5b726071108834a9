namespace EfSafeMigrations;

public static partial class RuleCatalog
{
    private const string ExpandContract =
        "Expand and contract: add the new {0}, keep both in sync (write to both, or a view or trigger), move every reader and writer to the new one, and drop the old one in a later release.";

    /// <summary>ESM0015: column renamed.</summary>
    public static readonly Rule RenameColumn = new(
        "ESM0015",
        "Column renamed",
        RuleCategory.BreakingChanges,
        RuleSeverity.Error,
        "Column {1}.{0} is renamed to {2}",
        why: "The rename itself is instant (it takes a brief ACCESS EXCLUSIVE lock), but code deployed before the migration still uses the old name: every query of the running version that touches the column fails until it is replaced.",
        safeAlternative: string.Format(System.Globalization.CultureInfo.InvariantCulture, ExpandContract, "column"),
        unsafeSample: "migrationBuilder.RenameColumn(name: \"Mail\", table: \"Users\", newName: \"Email\");",
        safeSample: "migrationBuilder.AddColumn<string>(name: \"Email\", table: \"Users\", nullable: true);\n// write both, backfill, read \"Email\", then drop \"Mail\" in a later release (assured ESM0018)",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0016: table renamed or moved to another schema.</summary>
    public static readonly Rule RenameTable = new(
        "ESM0016",
        "Table renamed or moved to another schema",
        RuleCategory.BreakingChanges,
        RuleSeverity.Error,
        "Table {0} is renamed to {1}",
        why: "The rename is instant (a brief ACCESS EXCLUSIVE lock), but code deployed before the migration still uses the old name: every query of the running version against the table fails until it is replaced.",
        safeAlternative: "Rename the table and leave an updatable view under the old name for the running version (CREATE VIEW old AS SELECT * FROM new); drop the view in a later release. Or expand and contract with a new table.",
        unsafeSample: "migrationBuilder.RenameTable(name: \"Customer\", newName: \"Customers\");",
        safeSample: "migrationBuilder.RenameTable(name: \"Customer\", newName: \"Customers\");\nmigrationBuilder.Sql(\"CREATE VIEW \\\"Customer\\\" AS SELECT * FROM \\\"Customers\\\";\");\n// [SafetyAssured(\"ESM0016\", Reason = \"old name kept as a view until v3\")]",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0017: schema renamed.</summary>
    public static readonly Rule RenameSchema = new(
        "ESM0017",
        "Schema renamed",
        RuleCategory.BreakingChanges,
        RuleSeverity.Error,
        "Schema {0} is renamed to {1}",
        why: "Every object in the schema changes its qualified name at once: every query of the running application that names the old schema fails.",
        safeAlternative: "Create the new schema and move objects one at a time with views left behind, or keep the old name and change search_path.",
        unsafeSample: "migrationBuilder.Sql(\"ALTER SCHEMA sales RENAME TO billing;\");",
        safeSample: "migrationBuilder.EnsureSchema(\"billing\");\n// move tables one release at a time, leaving views in \"sales\" (ESM0016)");

    /// <summary>ESM0018: column dropped.</summary>
    public static readonly Rule DropColumn = new(
        "ESM0018",
        "Column dropped",
        RuleCategory.BreakingChanges,
        RuleSeverity.Error,
        "Column {1}.{0} is dropped",
        why: "The column's data is lost. And code deployed before the migration still selects and inserts the column (EF names every mapped column): its queries fail until it is replaced.",
        safeAlternative: "Stop using the column first: remove it from the model in one release (or mark it ignored), deploy, then drop it in a later migration assured with [SafetyAssured(\"ESM0018\", Reason = ...)].",
        unsafeSample: "migrationBuilder.DropColumn(name: \"LegacyCode\", table: \"Users\");",
        safeSample: "[SafetyAssured(\"ESM0018\", Reason = \"LegacyCode unused since v4.2, backed up in archive.users_legacy\")]\npublic partial class DropLegacyCode : Migration { ... }",
        exemptWhenTableIsNew: true);

    /// <summary>ESM0019: table dropped.</summary>
    public static readonly Rule DropTable = new(
        "ESM0019",
        "Table dropped",
        RuleCategory.BreakingChanges,
        RuleSeverity.Error,
        "Table {0} is dropped",
        why: "The table's data is lost, and DROP TABLE takes an ACCESS EXCLUSIVE lock on it (and on tables whose foreign keys reference it). Code deployed before the migration still queries it and fails.",
        safeAlternative: "Stop using the table in one release, back it up or archive it if needed, then drop it in a later migration assured with [SafetyAssured(\"ESM0019\", Reason = ...)].",
        unsafeSample: "migrationBuilder.DropTable(name: \"AuditLog\");",
        safeSample: "[SafetyAssured(\"ESM0019\", Reason = \"AuditLog moved to the audit service in v5\")]\npublic partial class DropAuditLog : Migration { ... }");

    /// <summary>ESM0020: schema dropped.</summary>
    public static readonly Rule DropSchema = new(
        "ESM0020",
        "Schema dropped",
        RuleCategory.BreakingChanges,
        RuleSeverity.Error,
        "Schema {0} is dropped",
        why: "Everything left in the schema is lost (with CASCADE, silently), and every query of the running application that uses it fails.",
        safeAlternative: "Drop the schema's objects one at a time in earlier releases, then drop the empty schema without CASCADE, assured.",
        unsafeSample: "migrationBuilder.DropSchema(name: \"reporting\");",
        safeSample: "[SafetyAssured(\"ESM0020\", Reason = \"reporting schema empty since v6\")]\npublic partial class DropReportingSchema : Migration { ... }");

    /// <summary>ESM0041: database dropped from a migration.</summary>
    public static readonly Rule DropDatabase = new(
        "ESM0041",
        "Database dropped from a migration",
        RuleCategory.BreakingChanges,
        RuleSeverity.Error,
        "{0} drops a database",
        why: "DROP DATABASE deletes every table and row of a database. It has no place in a schema migration that runs unattended at start-up.",
        safeAlternative: "Drop databases by hand or with infrastructure tooling, never from a migration.",
        unsafeSample: "migrationBuilder.Sql(\"DROP DATABASE legacy;\");",
        safeSample: "// nothing in the migration: drop the database from your infrastructure tooling");

    /// <summary>ESM0045: enum value renamed.</summary>
    public static readonly Rule EnumValueRenamed = new(
        "ESM0045",
        "Enum value renamed",
        RuleCategory.BreakingChanges,
        RuleSeverity.Error,
        "Value {1} of enum {0} is renamed to {2}",
        why: "ALTER TYPE ... RENAME VALUE is instant, but code deployed before the migration still maps the old label: Npgsql fails to read rows holding the new label and every write of the old one fails ('invalid input value for enum'), until every instance runs the new code. Reports, views and other services that compare with the old label silently stop matching.",
        safeAlternative: "Expand and contract: add the new value with ADD VALUE IF NOT EXISTS (outside a transaction), deploy code that reads both and writes the new one, move the rows over in batches, and stop using the old value (PostgreSQL cannot drop an enum value; a text column with a CHECK can).",
        unsafeSample: "migrationBuilder.Sql(\"ALTER TYPE order_status RENAME VALUE 'shipped' TO 'dispatched';\");",
        safeSample: "migrationBuilder.Sql(\"ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'dispatched';\", suppressTransaction: true);\n// deploy code that reads both, then: UPDATE orders SET status = 'dispatched' WHERE status = 'shipped' (in batches)");

    /// <summary>ESM0051: destructive Up with an empty or missing Down.</summary>
    public static readonly Rule DestructiveUpWithoutDown = new(
        "ESM0051",
        "Destructive Up with an empty Down",
        RuleCategory.BreakingChanges,
        RuleSeverity.Warning,
        "{0}, and the migration's Down is empty: it cannot be rolled back",
        why: "A migration whose Up drops a table, column or schema and whose Down does nothing cannot be rolled back: dotnet ef database update <previous> and a rollback by migration id report success while the schema stays as Up left it, so the previous release, redeployed after an incident, fails on the missing table or column. Down never restores the lost data either, only the structure.",
        safeAlternative: "Write a Down that recreates what Up dropped (EF scaffolds it: keep the scaffolded Down), back the data up before dropping it, or say in the class why the migration is deliberately one-way with [SafetyAssured(\"ESM0051\", Reason = ...)].",
        unsafeSample: "protected override void Up(MigrationBuilder migrationBuilder)\n    => migrationBuilder.DropColumn(name: \"LegacyCode\", table: \"Users\");\n\nprotected override void Down(MigrationBuilder migrationBuilder) { }",
        safeSample: "protected override void Down(MigrationBuilder migrationBuilder)\n    => migrationBuilder.AddColumn<string>(name: \"LegacyCode\", table: \"Users\", type: \"text\", nullable: true);");
}
