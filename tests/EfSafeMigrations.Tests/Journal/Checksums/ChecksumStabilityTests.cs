using EfSafeMigrations.Journal;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.Journal.Checksums;

/// <summary>Checksums already written to journals must never change: a golden value guards the canonical form.</summary>
public class ChecksumStabilityTests
{
    private static List<MigrationOperation> Operations() =>
    [
        new CreateTableOperation
        {
            Name = "users",
            Columns =
            {
                new AddColumnOperation { Name = "id", Table = "users", ClrType = typeof(long), ColumnType = "bigint" },
                new AddColumnOperation { Name = "email", Table = "users", ClrType = typeof(string), ColumnType = "text", IsNullable = true, DefaultValue = "" },
            },
            PrimaryKey = new AddPrimaryKeyOperation { Name = "PK_users", Table = "users", Columns = ["id"] },
        },
        new CreateIndexOperation { Name = "ix_users_email", Table = "users", Columns = ["email"], IsUnique = true },
    ];

    [Test]
    public void The_canonical_form_of_a_known_migration_is_pinned()
    {
        MigrationChecksum.CanonicalText(Operations()).Should().Be("""
            efsafe-ops-v1
            CreateTableOperation(Columns=[AddColumnOperation(ColumnType="bigint",Name="id",Table="users"),AddColumnOperation(ColumnType="text",DefaultValue="",IsNullable=true,Name="email",Table="users")],Name="users",PrimaryKey=AddPrimaryKeyOperation(Columns=["id"],Name="PK_users",Table="users"))
            CreateIndexOperation(Columns=["email"],IsUnique=true,Name="ix_users_email",Table="users")

            """.ReplaceLineEndings("\n"));
        MigrationChecksum.Compute(Operations()).Should().Be("c86b34bbf702a71f2607e17895dce0a684985638b68d92e465fbe02d2eb0961b", "a checksum in a journal never changes");
    }

    [Test]
    public void Data_the_generated_code_cannot_carry_does_not_change_the_checksum()
    {
        var changed = Operations();
        ((CreateTableOperation)changed[0]).Columns[0].ClrType = typeof(int);
        changed[1].IsDestructiveChange = true;

        MigrationChecksum.Compute(changed).Should().Be(MigrationChecksum.Compute(Operations()));
    }

    [Test]
    public void Any_real_change_changes_the_checksum()
    {
        var original = MigrationChecksum.Compute(Operations());
        var unique = Operations();
        ((CreateIndexOperation)unique[1]).IsUnique = false;
        var renamed = Operations();
        ((CreateTableOperation)renamed[0]).Columns[1].Name = "mail";
        var annotated = Operations();
        annotated[1].AddAnnotation("Npgsql:CreatedConcurrently", true);
        var reordered = Operations();
        reordered.Reverse();

        new[] { unique, renamed, annotated, reordered }.Select(MigrationChecksum.Compute).Should().NotContain(original).And.OnlyHaveUniqueItems();
    }

    [Test]
    public void A_compiled_migration_hashes_its_up_operations()
    {
        var migration = new ListMigration(Operations());
        MigrationChecksum.Compute(migration).Should().Be(MigrationChecksum.Compute(Operations()));
    }

    private sealed class ListMigration(List<MigrationOperation> operations) : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Operations.AddRange(operations);
    }
}
