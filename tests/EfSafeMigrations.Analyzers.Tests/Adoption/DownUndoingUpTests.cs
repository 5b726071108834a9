using EfSafeMigrations.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace EfSafeMigrations.Analyzers.Tests.Adoption;

/// <summary>
/// <c>Down</c> steps that undo the same migration's <c>Up</c> (EF scaffolds one for every <c>Up</c> step) are not
/// reported: they remove only what the migration itself brought. Anything else in <c>Down</c> still is.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class DownUndoingUpTests
{
    [Test]
    public Task Down_undoing_the_own_Up_is_not_reported()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            up: """
                migrationBuilder.EnsureSchema(name: "billing");
                migrationBuilder.CreateTable(name: "Invoices", schema: "billing", columns: table => new { Id = table.Column<long>(type: "bigint", nullable: false) });
                migrationBuilder.AddColumn<string>(name: "Note", table: "Users", type: "text", nullable: true);
                {|ESM0001:migrationBuilder.CreateIndex(name: "IX_Users_Note", table: "Users", column: "Note")|};
                {|ESM0015:migrationBuilder.RenameColumn(name: "Mail", table: "Users", newName: "Email")|};
                {|ESM0016:migrationBuilder.RenameTable(name: "Person", newName: "People")|};
                migrationBuilder.InsertData(table: "Roles", columns: new[] { "Id", "Name" }, values: new object[] { 1L, "admin" });
                """,
            down: """
                migrationBuilder.DeleteData(table: "Roles", keyColumn: "Id", keyValue: 1L);
                migrationBuilder.RenameTable(name: "People", newName: "Person");
                migrationBuilder.RenameColumn(name: "Email", table: "Users", newName: "Mail");
                migrationBuilder.DropIndex(name: "IX_Users_Note", table: "Users");
                migrationBuilder.DropColumn(name: "Note", table: "Users");
                migrationBuilder.DropTable(name: "Invoices", schema: "billing");
                migrationBuilder.DropSchema(name: "billing");
                """));

    [Test]
    public Task Down_restoring_what_the_own_Up_dropped_or_altered_is_not_reported()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            up: """
                {|ESM0018:migrationBuilder.DropColumn(name: "Rank", table: "Users")|};
                {|ESM0014:{|ESM0027:migrationBuilder.AlterColumn<string>(name: "Code", table: "Users", type: "character varying(20)", nullable: true, oldClrType: typeof(int), oldType: "integer", oldNullable: true)|}|};
                {|ESM0002:migrationBuilder.DropIndex(name: "IX_Users_Email", table: "Users")|};
                {|ESM0048:migrationBuilder.DropForeignKey(name: "FK_Orders_Users_UserId", table: "Orders")|};
                """,
            down: """
                migrationBuilder.AddForeignKey(name: "FK_Orders_Users_UserId", table: "Orders", column: "UserId", principalTable: "Users", principalColumn: "Id");
                migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email");
                migrationBuilder.AlterColumn<int>(name: "Code", table: "Users", type: "integer", nullable: true, oldClrType: typeof(string), oldType: "character varying(20)", oldNullable: true);
                migrationBuilder.AddColumn<int>(name: "Rank", table: "Users", type: "integer", nullable: false, defaultValue: 0);
                """));

    [Test]
    public Task Down_dropping_the_foreign_key_its_own_Up_added_is_not_reported()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            up: """migrationBuilder.AddForeignKey(name: "FK_Orders_Users_UserId", table: "Orders", column: "UserId", principalTable: "Users", principalColumn: "Id").Annotation("EfSafeMigrations:NotValid", true);""",
            down: """migrationBuilder.DropForeignKey(name: "FK_Orders_Users_UserId", table: "Orders");"""));

    [Test]
    public Task Down_dropping_what_the_own_Up_did_not_create_is_still_reported()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration(
                up: """
                    migrationBuilder.CreateTable(name: "Invoices", columns: table => new { Id = table.Column<long>(type: "bigint", nullable: false) });
                    migrationBuilder.AddColumn<string>(name: "Note", table: "Orders", type: "text", nullable: true);
                    {|ESM0015:migrationBuilder.RenameColumn(name: "Mail", table: "Users", newName: "Email")|};
                    """,
                down: """
                    {|#0:migrationBuilder.DropTable(name: "Invoices", schema: "archive")|};
                    {|#1:migrationBuilder.DropColumn(name: "Note", table: "Users")|};
                    {|#2:migrationBuilder.RenameColumn(name: "Email", table: "Users", newName: "Contact")|};
                    """),
            new DiagnosticResult("ESM0019", DiagnosticSeverity.Info).WithLocation(0).WithArguments("archive.Invoices"),
            new DiagnosticResult("ESM0018", DiagnosticSeverity.Info).WithLocation(1).WithArguments("Note", "Users"),
            new DiagnosticResult("ESM0015", DiagnosticSeverity.Info).WithLocation(2).WithArguments("Email", "Users", "Contact"));
}
