using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Lint;

/// <summary>
/// Hand-written migrations (no model, no snapshot): a table with rows, then the compliant SET NOT NULL sequence of
/// docs/rules/ESM0007.md written as raw SQL, which the lint gate must let through.
/// </summary>
public sealed class MembersDbContext(DbContextOptions<MembersDbContext> options) : DbContext(options)
{
    public static MembersDbContext Create(string connectionString)
        => new(new DbContextOptionsBuilder<MembersDbContext>()
            .UseNpgsql(connectionString)
            .UseSafeMigrations()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);
}

[DbContext(typeof(MembersDbContext))]
[Migration(Id)]
public sealed class CreateMembers : Migration
{
    public const string Id = "20260101000001_CreateMembers";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Members",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false),
                Email = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Members", x => x.Id));
        migrationBuilder.Sql("INSERT INTO \"Members\" (\"Id\", \"Email\") SELECT i, 'm' || i || '@example.org' FROM generate_series(1, 500) AS i;");
    }
}

[DbContext(typeof(MembersDbContext))]
[Migration(Id)]
public sealed class MakeMemberEmailRequired : Migration
{
    public const string Id = "20260101000002_MakeMemberEmailRequired";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE \"Members\" ADD CONSTRAINT \"CK_Members_Email_NotNull\" CHECK (\"Email\" IS NOT NULL) NOT VALID;");
        migrationBuilder.Sql("ALTER TABLE \"Members\" VALIDATE CONSTRAINT \"CK_Members_Email_NotNull\";", suppressTransaction: true);
        migrationBuilder.Sql("ALTER TABLE \"Members\" ALTER COLUMN \"Email\" SET NOT NULL;");
        migrationBuilder.Sql("ALTER TABLE \"Members\" DROP CONSTRAINT \"CK_Members_Email_NotNull\";");
    }
}
