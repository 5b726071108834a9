using EfSafeMigrations.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace EfSafeMigrations.Analyzers.Tests.Rules;

/// <summary>
/// The analyzer agrees with the runtime linter on the fixes the peer corpus (docs/lint-corpus.md) led to: the same
/// decisions for the same MigrationBuilder calls.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class CorpusAgreementTests
{
    [Test]
    public Task A_varchar_limit_widened_is_no_new_type_choice_nor_a_type_change()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.AlterColumn<string>(name: "Country", table: "Users", type: "character varying(64)", maxLength: 64, nullable: true, oldClrType: typeof(string), oldType: "character varying(20)", oldMaxLength: 20, oldNullable: true);
            """));

    [Test]
    public Task A_column_changed_to_varchar_with_a_limit_is_a_new_type_choice()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""
                {|#0:migrationBuilder.AlterColumn<string>(name: "Bio", table: "Users", type: "character varying(20)", maxLength: 20, nullable: true, oldClrType: typeof(string), oldType: "text", oldNullable: true)|};
                """),
            new DiagnosticResult("ESM0014", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Bio", "Users", "text", "character varying(20)"),
            new DiagnosticResult("ESM0027", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Bio", "Users", "character varying(20)"));

    [Test]
    public Task An_inline_CHECK_added_with_a_column_is_flagged()
        => MigrationTest.VerifyAsync(
            MigrationSource.Migration("""{|#0:migrationBuilder.Sql("ALTER TABLE wallets ADD COLUMN limit_cents bigint CHECK (limit_cents > 0);")|};"""),
            new DiagnosticResult("ESM0005", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("(inline CHECK of column limit_cents)", "wallets"));

    [Test]
    public Task A_schema_created_and_dropped_in_the_migration_is_not_flagged()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""migrationBuilder.Sql("CREATE SCHEMA staging; DROP SCHEMA staging;");"""));

    [Test]
    public Task A_raw_SQL_type_change_of_a_column_added_earlier_is_judged_with_its_type()
        => MigrationTest.VerifyAsync(MigrationSource.Migration("""
            migrationBuilder.Sql("ALTER TABLE recipes ADD COLUMN summary varchar; ALTER TABLE recipes ALTER COLUMN summary TYPE text;");
            """));
}
