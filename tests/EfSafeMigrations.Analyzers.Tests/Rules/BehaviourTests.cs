using EfSafeMigrations.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace EfSafeMigrations.Analyzers.Tests.Rules;

/// <summary>What holds across rules: Down, new tables, assurance, severities, what counts as a migration.</summary>
[Parallelizable(ParallelScope.All)]
public class BehaviourTests
{
    // A Down restoring the column and table the tests below drop: ESM0051 (destructive Up, empty Down) stays out of them.
    private const string RestoringDown = """
        migrationBuilder.AddColumn<string>(name: "LegacyCode", table: "Users", type: "text", nullable: true);
        migrationBuilder.Sql("CREATE TABLE \"AuditLog\" (id bigint);");
        """;

    [Test]
    public Task Findings_in_Down_are_one_severity_lower()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration(
                up: """{|ESM0018:migrationBuilder.DropColumn(name: "Nickname", table: "Users")|};""",
                down: """{|#0:migrationBuilder.DropColumn(name: "LegacyCode", table: "Users")|};"""),
            new DiagnosticResult("ESM0018", DiagnosticSeverity.Info).WithLocation(0).WithArguments("LegacyCode", "Users"));

    [Test]
    public Task Operations_the_safe_generator_rewrites_are_suggestions()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""{|#0:migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email")|};"""),
            new DiagnosticResult("ESM0001", DiagnosticSeverity.Info).WithLocation(0).WithArguments("IX_Users_Email", "Users"));

    [Test]
    public Task Opting_out_of_the_safe_rewrite_makes_it_a_warning()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""{|#0:migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email")|}.Annotation("EfSafeMigrations:SafeRewrite", false);"""),
            new DiagnosticResult("ESM0001", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("IX_Users_Email", "Users"));

    [Test]
    public Task Rules_that_break_running_code_are_warnings()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""{|#0:migrationBuilder.DropTable(name: "AuditLog")|};""", RestoringDown),
            new DiagnosticResult("ESM0019", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("AuditLog"));

    [Test]
    public Task A_table_created_earlier_in_the_same_migration_is_exempt()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.CreateTable(name: "Orders", columns: table => new { Id = table.Column<long>(type: "bigint", nullable: false), UserId = table.Column<long>(type: "bigint", nullable: false) });
            migrationBuilder.CreateIndex(name: "IX_Orders_UserId", table: "Orders", column: "UserId");
            migrationBuilder.AddForeignKey(name: "FK_Orders_Users_UserId", table: "Orders", column: "UserId", principalTable: "Users", principalColumn: "Id");
            migrationBuilder.AddColumn<string>(name: "Note", table: "Orders", type: "text", nullable: false);
            """));

    [Test]
    public Task The_same_table_in_another_schema_is_not_new()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.CreateTable(name: "Orders", schema: "archive", columns: table => new { Id = table.Column<long>(type: "bigint", nullable: false) });
            {|ESM0001:migrationBuilder.CreateIndex(name: "IX_Orders_Id", table: "Orders", column: "Id")|};
            """));

    [Test]
    public Task Assurance_without_a_reason_does_not_count()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """{|ESM0018:migrationBuilder.DropColumn(name: "LegacyCode", table: "Users")|};""",
            RestoringDown,
            attributes: """[SafetyAssured("ESM0018")]"""));

    [Test]
    public Task Assurance_covers_only_the_rules_it_names()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """
            migrationBuilder.DropColumn(name: "LegacyCode", table: "Users");
            {|ESM0019:migrationBuilder.DropTable(name: "AuditLog")|};
            """,
            RestoringDown,
            attributes: """[SafetyAssured("ESM0018", Reason = "unused since v4")]"""));

    [Test]
    public Task Assurance_without_rule_ids_assures_nothing_as_at_run_time()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """
            {|ESM0018:migrationBuilder.DropColumn(name: "LegacyCode", table: "Users")|};
            {|ESM0019:migrationBuilder.DropTable(name: "AuditLog")|};
            """,
            RestoringDown,
            attributes: """[SafetyAssured(Reason = "the whole feature is retired")]"""));

    [Test]
    public Task An_omitted_nullable_argument_means_NOT_NULL()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """{|ESM0008:migrationBuilder.AddColumn<long>(name: "Rank", table: "Users", type: "bigint")|};"""));

    [Test]
    public Task A_destructive_Up_without_a_Down_method_is_reported_once_at_the_first_drop()
        => MigrationTest.VerifyAsync(WithoutDown(MigrationSource.Migration(
            """
            {|ESM0018:{|ESM0051:migrationBuilder.DropColumn(name: "LegacyCode", table: "Users")|}|};
            {|ESM0019:migrationBuilder.DropTable(name: "AuditLog")|};
            """)));

    [Test]
    public Task A_Down_declared_in_another_partial_declaration_counts()
        => MigrationTest.VerifyAsync(WithoutDown(MigrationSource.Migration(
            """{|ESM0018:migrationBuilder.DropColumn(name: "LegacyCode", table: "Users")|};""",
            extraTypes: """
                public partial class TestMigration
                {
                    protected override void Down(MigrationBuilder migrationBuilder)
                        => migrationBuilder.AddColumn<string>(name: "LegacyCode", table: "Users", type: "text", nullable: true);
                }
                """)));

    [Test]
    public Task Dropping_a_table_created_earlier_in_Up_is_not_one_way()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """
            migrationBuilder.CreateTable(name: "Drafts", columns: table => new { Id = table.Column<long>(type: "bigint", nullable: false) });
            {|ESM0019:migrationBuilder.DropTable(name: "Drafts")|};
            """));

    private static string WithoutDown(string source)
        => System.Text.RegularExpressions.Regex.Replace(
            source, @"protected override void Down\(MigrationBuilder migrationBuilder\)\s*\{\s*\}", string.Empty);

    [Test]
    public Task Unique_indexes_are_suggestions_when_the_data_preflight_covers_them_and_warnings_in_raw_sql()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""
                {|#0:migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email", unique: true)|}.Annotation("Npgsql:CreatedConcurrently", true);
                {|#1:migrationBuilder.Sql("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_users_name ON users (name);", suppressTransaction: true)|};
                """),
            new DiagnosticResult("ESM0046", DiagnosticSeverity.Info).WithLocation(0)
                .WithArguments("Unique index IX_Users_Email", "Users", ", and a failed concurrent build leaves an INVALID index behind"),
            new DiagnosticResult("ESM0046", DiagnosticSeverity.Warning).WithLocation(1)
                .WithArguments("Unique index ix_users_name", "users", ", and a failed concurrent build leaves an INVALID index behind"));

    [Test]
    public Task Integer_columns_of_a_composite_key_are_keys_and_other_integer_columns_suggestions()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""
                migrationBuilder.CreateTable(name: "UserRoles", columns: table => new
                {
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    RoleId = table.Column<int>(type: "integer", nullable: false),
                    Rank = {|#0:table.Column<int>(type: "integer", nullable: false)|},
                }, constraints: table => { table.PrimaryKey("PK_UserRoles", x => new { x.UserId, x.RoleId }); });
                """),
            new DiagnosticResult("ESM0052", DiagnosticSeverity.Info).WithLocation(0).WithArguments("Rank", "UserRoles", "integer"));

    [Test]
    public Task The_scaffolded_extension_methods_count_as_the_safe_form()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """
            migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email").Concurrently();
            migrationBuilder.AddForeignKey(name: "FK_Orders_Users_UserId", table: "Orders", column: "UserId", principalTable: "Users", principalColumn: "Id").NotValid();
            """,
            extraTypes: """
            }

            namespace Microsoft.EntityFrameworkCore
            {
                using Microsoft.EntityFrameworkCore.Migrations.Operations;
                using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

                public static class SafeMigrationBuilderExtensions
                {
                    public static OperationBuilder<CreateIndexOperation> Concurrently(this OperationBuilder<CreateIndexOperation> builder) => builder.Annotation("Npgsql:CreatedConcurrently", true);

                    public static OperationBuilder<T> NotValid<T>(this OperationBuilder<T> builder) where T : MigrationOperation => builder.Annotation("EfSafeMigrations:NotValid", true);
                }
            """));

    [Test]
    public Task Up_and_Down_of_a_class_that_is_not_a_migration_are_ignored()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("", extraTypes: """
            public abstract class MyMigrationBase
            {
                protected abstract void Up(MigrationBuilder migrationBuilder);
            }

            public class NotAMigration : MyMigrationBase
            {
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "AuditLog");
            }
            """));

    [Test]
    public Task Other_methods_of_a_migration_are_ignored()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("", extraTypes: """
            public partial class TestMigration
            {
                private static void Helper(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "AuditLog");
            }
            """));

    [Test]
    public Task Column_types_are_checked_in_CreateTable_AddColumn_and_AlterColumn()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.CreateTable(name: "Events", columns: table => new { Payload = {|ESM0022:table.Column<string>(type: "json", nullable: true)|}, At = {|ESM0025:table.Column<DateTime>(name: "happened_at", type: "timestamp(3) without time zone", nullable: false)|} });
            {|ESM0014:{|ESM0027:migrationBuilder.AlterColumn<string>(name: "Code", table: "Users", type: "character varying(5)", nullable: true, oldClrType: typeof(string), oldType: "text", oldNullable: true)|}|};
            migrationBuilder.AlterColumn<string>(name: "Name", table: "Users", type: "character varying(200)", nullable: true, oldClrType: typeof(string), oldType: "character varying(200)", oldNullable: true, comment: "kept");
            migrationBuilder.AlterColumn<decimal>(name: "Total", table: "Orders", type: "numeric(12,2)", nullable: false, oldClrType: typeof(decimal), oldType: "numeric(10,2)");
            """));

    [Test]
    public Task Raw_SQL_is_never_rewritten_so_its_findings_are_warnings()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""{|#0:migrationBuilder.Sql("CREATE INDEX ix_users_email ON users (email);")|};"""),
            new DiagnosticResult("ESM0001", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("ix_users_email", "users"));

    [Test]
    public Task Raw_SQL_on_a_table_created_earlier_in_the_migration_is_exempt()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.CreateTable(name: "audit", columns: table => new { id = table.Column<long>(type: "bigint", nullable: false) });
            migrationBuilder.Sql("CREATE INDEX ix_audit_id ON audit (id);");
            """));

    [Test]
    public Task The_form_dotnet_ef_scaffolds_with_EfSafeMigrations_is_not_flagged()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.CreateIndex(name: "ix_orders_customer_id", table: "orders", column: "customer_id")
                .Annotation(Names.NpgsqlCreatedConcurrently, true);
            migrationBuilder.AddForeignKey(name: "fk_orders_customers", table: "orders", column: "customer_id", principalTable: "customers", principalColumn: "id")
                .Annotation(Names.NotValid, true);
            migrationBuilder.Sql("ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customers;");
            """,
            extraTypes: """
            public static class Names
            {
                public const string NpgsqlCreatedConcurrently = "Npgsql:CreatedConcurrently";
                public const string NotValid = "EfSafeMigrations:NotValid";
            }
            """));

    [Test]
    public Task The_safe_SET_NOT_NULL_sequence_of_the_ESM0007_page_is_not_flagged()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.Sql("ALTER TABLE \"Users\" ADD CONSTRAINT \"CK_Users_Email_NotNull\" CHECK (\"Email\" IS NOT NULL) NOT VALID;");
            migrationBuilder.Sql("ALTER TABLE \"Users\" VALIDATE CONSTRAINT \"CK_Users_Email_NotNull\";", suppressTransaction: true);
            migrationBuilder.Sql("ALTER TABLE \"Users\" ALTER COLUMN \"Email\" SET NOT NULL;");
            migrationBuilder.Sql("ALTER TABLE \"Users\" DROP CONSTRAINT \"CK_Users_Email_NotNull\";");
            """));

    [Test]
    public Task The_scaffolded_safe_SET_NOT_NULL_is_not_flagged()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.Sql("ALTER TABLE customers ADD CONSTRAINT esm_nn_1 CHECK (email IS NOT NULL) NOT VALID;");
            migrationBuilder.Sql("ALTER TABLE customers VALIDATE CONSTRAINT esm_nn_1;", suppressTransaction: true);
            migrationBuilder.AlterColumn<string>(name: "email", table: "customers", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true)
                .Annotation("EfSafeMigrations:NotNullCheck", "esm_nn_1");
            migrationBuilder.Sql("ALTER TABLE customers DROP CONSTRAINT esm_nn_1;");
            """));

    [Test]
    public Task SET_NOT_NULL_after_a_check_that_was_never_validated_is_flagged()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""
            migrationBuilder.Sql("ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID;");
            {|#0:migrationBuilder.Sql("ALTER TABLE users ALTER COLUMN email SET NOT NULL;")|};
            """),
            new DiagnosticResult("ESM0007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("email", "users"));

    [Test]
    public Task Backfill_is_not_flagged_but_raw_UPDATE_and_DELETE_beside_it_are()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """
            migrationBuilder.Backfill("users", set: "country = 'NL'", where: "country IS NULL", batchSize: 5000);
            {|ESM0030:migrationBuilder.Sql("UPDATE users SET country = 'NL' WHERE country IS NULL;")|};
            {|ESM0030:migrationBuilder.Sql("DELETE FROM sessions;")|};
            """,
            extraTypes: """
            // The runtime package's extension, as the user's migration sees it (its real signature, body stubbed).
            public static class BackfillMigrationBuilderExtensions
            {
                public static object Backfill(this MigrationBuilder migrationBuilder, string table, string set, string where = null, string schema = null,
                    int batchSize = 1000, TimeSpan? pause = null, int? maxRowsPerSecond = null, TimeSpan? maxReplicationLag = null, string[] keyColumns = null)
                    => null;
            }
            """));
}
