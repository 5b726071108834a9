using EfSafeMigrations.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace EfSafeMigrations.Analyzers.Tests.Adoption;

/// <summary>
/// The adoption baseline (<c>&lt;EfSafeMigrationsBaseline&gt;</c>): migrations at or before it are history and never
/// reported; later ones are checked as usual.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class BaselineTests
{
    // Two migrations as EF scaffolds them: the id sits in [Migration] on the Designer partial, not on the class with Up.
    private static readonly string Source = MigrationSource.Migration(
        up: """{|#0:migrationBuilder.DropTable(name: "Sessions")|};""",
        down: RecreateTable("Sessions"),
        extraTypes: """
            public partial class OldMigration : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropTable(name: "AuditLog");
                    migrationBuilder.RenameColumn(name: "Mail", table: "Users", newName: "Email");
                    migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email");
                }

                protected override void Down(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropColumn(name: "Nickname", table: "Users");
                }
            }

            [DbContext(typeof(AppDbContext))]
            [Migration("20240101000000_Old")]
            partial class OldMigration
            {
            }
            """);

    private static DiagnosticResult NewMigrationFinding => new DiagnosticResult("ESM0019", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Sessions");

    [Test]
    public Task Without_a_baseline_old_migrations_are_reported()
        => MigrationTest.VerifyAsync(
            Source.Replace("""migrationBuilder.DropTable(name: "AuditLog")""", """{|ESM0019:migrationBuilder.DropTable(name: "AuditLog")|}""", StringComparison.Ordinal)
                .Replace("""migrationBuilder.RenameColumn(name: "Mail", table: "Users", newName: "Email")""", """{|ESM0015:migrationBuilder.RenameColumn(name: "Mail", table: "Users", newName: "Email")|}""", StringComparison.Ordinal)
                .Replace("""migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email")""", """{|ESM0001:migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email")|}""", StringComparison.Ordinal)
                .Replace("""migrationBuilder.DropColumn(name: "Nickname", table: "Users")""", """{|ESM0018:migrationBuilder.DropColumn(name: "Nickname", table: "Users")|}""", StringComparison.Ordinal),
            NewMigrationFinding);

    [Test]
    public Task A_baselined_migration_is_not_reported_and_a_later_one_is()
        => MigrationTest.VerifyWithPropertiesAsync(Source, Baseline("20240101000000_Old"), NewMigrationFinding);

    [Test]
    public Task A_baseline_later_than_the_migration_covers_it()
        => MigrationTest.VerifyWithPropertiesAsync(Source, Baseline("20250601120000_Last"), NewMigrationFinding);

    [Test]
    public Task A_bare_timestamp_covers_the_migration_of_that_second()
        => MigrationTest.VerifyWithPropertiesAsync(Source, Baseline(" 20240101000000 "), NewMigrationFinding);

    [Test]
    public Task A_baseline_covering_every_migration_leaves_nothing_to_report()
        => MigrationTest.VerifyWithPropertiesAsync(Source.Replace("{|#0:", "", StringComparison.Ordinal).Replace("|};", ";", StringComparison.Ordinal), Baseline("20260101000000_Test"));

    [Test]
    public Task A_blank_baseline_is_no_baseline()
        => MigrationTest.VerifyWithPropertiesAsync(
            MigrationSource.Migration("""{|ESM0019:migrationBuilder.DropTable(name: "AuditLog")|};""", RecreateTable("AuditLog")), Baseline(""));

    // A Down that restores the dropped table, so that ESM0051 (destructive Up, empty Down) stays out of these tests.
    private static string RecreateTable(string table) => "migrationBuilder.Sql(\"CREATE TABLE \\\"" + table + "\\\" (id bigint);\");";

    private static Dictionary<string, string> Baseline(string id) => new() { ["EfSafeMigrationsBaseline"] = id };
}
