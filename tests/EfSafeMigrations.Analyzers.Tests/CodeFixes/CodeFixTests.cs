using EfSafeMigrations.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace EfSafeMigrations.Analyzers.Tests.CodeFixes;

/// <summary>Code fixes on scaffolded-looking code: layout kept, usings added, nothing offered where it cannot work.</summary>
[Parallelizable(ParallelScope.All)]
public class CodeFixTests
{
    private const string Usings = """
        using Microsoft.EntityFrameworkCore.Infrastructure;
        using Microsoft.EntityFrameworkCore.Migrations;

        """;

    // The Down of the drops below: it restores the table, so that ESM0051 (destructive Up, empty Down) stays out.
    private const string RestoreAuditLog = """            migrationBuilder.Sql("CREATE TABLE \"AuditLog\" (id bigint);");""";

    private static string Scaffolded(string up, string attributes = "", string down = "") => $$"""
        namespace Shop.Migrations
        {
            public class ShopDbContext : Microsoft.EntityFrameworkCore.DbContext
            {
            }

        {{attributes}}    [DbContext(typeof(ShopDbContext))]
            [Migration("20260101000000_Change")]
            public partial class Change : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
        {{up}}
                }

                protected override void Down(MigrationBuilder migrationBuilder)
                {
        {{down}}
                }
            }
        }
        """;

    [Test]
    public Task SafetyAssured_fix_adds_the_using_when_the_file_has_none()
        => MigrationTest.VerifyFixAsync(
            Usings + Scaffolded("""
                            {|ESM0019:migrationBuilder.DropTable(
                                name: "AuditLog")|};
                """, down: RestoreAuditLog) + "\n" + MigrationSource.SafetyAssuredStub,
            "using EfSafeMigrations;\n" + Usings + Scaffolded("""
                            migrationBuilder.DropTable(
                                name: "AuditLog");
                """, attributes: "    [SafetyAssured(\"ESM0019\", Reason = \"TODO: say why this is safe (for example: unused since version X, backed up in Y)\")]\n", down: RestoreAuditLog) + "\n" + MigrationSource.SafetyAssuredStub);

    [Test]
    public Task SafetyAssured_fix_is_not_offered_when_the_attribute_does_not_exist()
    {
        var source = Usings + Scaffolded("""
                        {|ESM0019:migrationBuilder.DropTable(name: "AuditLog")|};
            """, down: RestoreAuditLog);
        return MigrationTest.VerifyFixAsync(source, source);
    }

    [Test]
    public Task NotValid_fix_keeps_the_scaffolded_layout_and_quotes_identifiers()
        => MigrationTest.VerifyFixAsync(
            Usings + Scaffolded("""
                            {|ESM0004:migrationBuilder.AddForeignKey(
                                name: "FK_Order \"Lines\"",
                                table: "Order Lines",
                                column: "OrderId",
                                principalTable: "Orders",
                                principalColumn: "Id")|};
                """),
            Usings + Scaffolded("""
                            migrationBuilder.AddForeignKey(
                                name: "FK_Order \"Lines\"",
                                table: "Order Lines",
                                column: "OrderId",
                                principalTable: "Orders",
                                principalColumn: "Id").Annotation("EfSafeMigrations:NotValid", true);
                            migrationBuilder.Sql("ALTER TABLE \"Order Lines\" VALIDATE CONSTRAINT \"FK_Order \"\"Lines\"\"\";", suppressTransaction: true);
                """));

    [Test]
    public Task Concurrent_fix_is_not_offered_when_the_index_opts_out_explicitly()
    {
        var source = Usings + Scaffolded("""
                        {|#0:migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email")|}
                            .Annotation("Npgsql:CreatedConcurrently", false);
            """);
        var test = new MigrationTest(source, source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("ESM0001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithArguments("IX_Users_Email", "Users"));
        return test.RunAsync();
    }
}
