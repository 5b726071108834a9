using EfSafeMigrations.Analyzers.Tests.Infrastructure;

namespace EfSafeMigrations.Analyzers.Tests.ExpandContract;

/// <summary>
/// A contract's drops are planned: the analyzer flags neither them nor the contract's empty Down (ESM0051), nor EF's drop of a
/// column an earlier migration retired.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ContractCallTests
{
    // Stubs of the runtime package's builder methods (the analyzer knows calls by name).
    private const string BuilderStubs = """
        public static class ExpandContractStubs
        {
            public static MigrationBuilder ContractRenameColumn(this MigrationBuilder b, string table, string name, string newName, string type, bool nullable) => b;
            public static MigrationBuilder ContractRenameTable(this MigrationBuilder b, string name, string newName) => b;
            public static MigrationBuilder ContractRequired(this MigrationBuilder b, string table, string name, string fill) => b;
            public static MigrationBuilder DropRetiredColumn(this MigrationBuilder b, string table, string name) => b;
            public static MigrationBuilder RetireColumn(this MigrationBuilder b, string table, string name, string defaultValueSql = null) => b;
        }
        """;

    // An earlier migration retiring Users.LegacyCode.
    private const string RetiringMigration = """
        [DbContext(typeof(AppDbContext))]
        [Migration("20250101000000_RetireLegacyCode")]
        public partial class RetireLegacyCode : Migration
        {
            protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.RetireColumn("Users", "LegacyCode", defaultValueSql: "''");
        }
        """;

    [Test]
    public Task Contract_calls_with_an_empty_down_are_not_flagged()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """
            migrationBuilder.ContractRenameColumn(table: "Users", name: "Mail", newName: "Email", type: "text", nullable: false);
            migrationBuilder.ContractRenameTable(name: "Purchases", newName: "Orders");
            migrationBuilder.ContractRequired(table: "Users", name: "Nickname", fill: "'anonymous'");
            migrationBuilder.DropRetiredColumn(table: "Users", name: "LegacyCode");
            """,
            extraTypes: BuilderStubs));

    [Test]
    public Task Efs_drop_of_a_column_an_earlier_migration_retired_is_planned_and_another_drop_is_not()
        => MigrationTest.VerifyAsync(MigrationSource.Migration(
            """
            migrationBuilder.DropColumn(name: "LegacyCode", table: "Users");
            {|ESM0018:migrationBuilder.DropColumn(name: "Nickname", table: "Users")|};
            """,
            down: "migrationBuilder.AddColumn<string>(name: \"Nickname\", table: \"Users\", type: \"text\", nullable: true);",
            extraTypes: BuilderStubs + "\n" + RetiringMigration));
}
