namespace EfSafeMigrations;

public static partial class RuleCatalog
{
    /// <summary>ESM0036: seed data deleted.</summary>
    public static readonly Rule SeedDataDelete = new(
        "ESM0036",
        "Seed data deleted",
        RuleCategory.Data,
        RuleSeverity.Error,
        "Seed rows of {0} are deleted ({1} rows)",
        why: "Removing HasData entries makes the migration DELETE those rows: data loss, and foreign keys that reference them either fail the migration or cascade further deletes. Code deployed before the migration may still rely on them.",
        safeAlternative: "Keep the seed rows (mark them inactive instead), or delete them deliberately and assure the migration with the reason.",
        unsafeSample: "migrationBuilder.DeleteData(table: \"Countries\", keyColumn: \"Id\", keyValue: 7);",
        safeSample: "migrationBuilder.UpdateData(table: \"Countries\", keyColumn: \"Id\", keyValue: 7, column: \"IsActive\", value: false);");

    /// <summary>ESM0037: seed data updated.</summary>
    public static readonly Rule SeedDataUpdate = new(
        "ESM0037",
        "Seed data updated",
        RuleCategory.Data,
        RuleSeverity.Warning,
        "Seed rows of {0} are updated ({1} rows)",
        why: "Changing HasData values makes the migration UPDATE those rows: any change made to them in production since they were seeded is overwritten without notice.",
        safeAlternative: "Check that nobody edits these rows outside migrations (reference data only), or change them from the application.",
        unsafeSample: "migrationBuilder.UpdateData(table: \"Plans\", keyColumn: \"Id\", keyValue: 2, column: \"Price\", value: 12m);",
        safeSample: "// reference data that only migrations change: keep the UpdateData and assure it\n[SafetyAssured(\"ESM0037\", Reason = \"Plans is reference data owned by migrations\")]");
}
