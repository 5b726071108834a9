using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.LintBehaviour;

/// <summary>
/// A members table, then a unique index over its emails as EF scaffolds it with Npgsql's IsCreatedConcurrently()
/// (ESM0046): hand-written migrations, no model. The rows (with or without duplicates) are the test's.
/// </summary>
public sealed class UniqueEmailsDbContext(DbContextOptions<UniqueEmailsDbContext> options) : DbContext(options)
{
    public static UniqueEmailsDbContext Create(string connectionString, bool safe)
        => new(ShopOptions.For<UniqueEmailsDbContext>(connectionString, safe));
}

[DbContext(typeof(UniqueEmailsDbContext))]
[Migration(Id)]
public sealed class CreateMembers : Migration
{
    public const string Id = "20260401000001_CreateMembers";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.CreateTable(
            name: "members",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false),
                email = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_members", x => x.id));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "members");
}

[DbContext(typeof(UniqueEmailsDbContext))]
[Migration(Id)]
public sealed class UniqueMemberEmail : Migration
{
    public const string Id = "20260401000002_UniqueMemberEmail";

    public const string IndexName = "ix_members_email";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.CreateIndex(name: IndexName, table: "members", column: "email", unique: true)
            .Annotation("Npgsql:CreatedConcurrently", true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex(name: IndexName, table: "members");
}
