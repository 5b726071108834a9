using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Preflight;

/// <summary>Accounts whose rows break every data-dependent step of <see cref="BreakingChangesBase"/>.</summary>
public sealed class DirtyDataDbContext(DbContextOptions<DirtyDataDbContext> options) : DbContext(options);

/// <summary>The same migrations over rows that break nothing.</summary>
public sealed class CleanDataDbContext(DbContextOptions<CleanDataDbContext> options) : DbContext(options);

/// <summary>Dirty rows, but the second migration cleans them with SQL before its steps: findings only warn.</summary>
public sealed class CleanedInRunDbContext(DbContextOptions<CleanedInRunDbContext> options) : DbContext(options);

public static class PreflightOptions
{
    public static TContext Create<TContext>(string connectionString, Action<SafeMigrationsOptions>? configure = null)
        where TContext : DbContext
        => (TContext)Activator.CreateInstance(typeof(TContext), ShopOptions.For<TContext>(connectionString, safe: true, configure))!;
}

public abstract class CreateAccountsBase(bool dirty) : Migration
{
    public const string Id = "20260301000001_CreateAccounts";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Owners",
            columns: table => new { Id = table.Column<long>(type: "bigint", nullable: false) },
            constraints: table => table.PrimaryKey("PK_Owners", x => x.Id));
        migrationBuilder.CreateTable(
            name: "Accounts",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false),
                Email = table.Column<string>(type: "text", nullable: true),
                Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                Score = table.Column<long>(type: "bigint", nullable: true),
                OwnerId = table.Column<long>(type: "bigint", nullable: true),
                Legacy = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Accounts", x => x.Id));
        migrationBuilder.Sql("INSERT INTO \"Owners\" (\"Id\") SELECT g FROM generate_series(1, 10) g;");
        migrationBuilder.Sql(dirty
            ? """
              INSERT INTO "Accounts" ("Id", "Email", "Code", "Score", "OwnerId")
              SELECT g,
                     CASE WHEN g % 100 = 0 THEN NULL WHEN g % 50 = 1 THEN 'same@example.com' ELSE 'a' || g || '@example.com' END,
                     CASE WHEN g % 250 = 0 THEN 'much-too-long-code' ELSE 'c' || g END,
                     CASE WHEN g = 7 THEN -1 WHEN g = 8 THEN 5000000000 ELSE g END,
                     CASE WHEN g % 200 = 0 THEN 999 ELSE 1 + g % 10 END
              FROM generate_series(1, 2000) g;
              """
            : """
              INSERT INTO "Accounts" ("Id", "Email", "Code", "Score", "OwnerId")
              SELECT g, 'a' || g || '@example.com', 'c' || g, g, 1 + g % 10 FROM generate_series(1, 2000) g;
              """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Accounts");
        migrationBuilder.DropTable(name: "Owners");
    }
}

/// <summary>
/// Every step that can fail on existing rows, as EF scaffolds each (the NOT NULL without a default written by hand, as
/// projects do when they fill the column themselves).
/// </summary>
public abstract class BreakingChangesBase(bool cleanFirst) : Migration
{
    public const string Id = "20260301000002_BreakingChanges";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (cleanFirst)
        {
            migrationBuilder.Sql("""
                UPDATE "Accounts" SET "Email" = 'a' || "Id" || '@example.com', "Code" = left("Code", 10), "Score" = 1, "OwnerId" = 1;
                """);
        }

        migrationBuilder.AlterColumn<string>(
            name: "Email",
            table: "Accounts",
            type: "text",
            nullable: false,
            oldClrType: typeof(string),
            oldType: "text",
            oldNullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_Accounts_Email",
            table: "Accounts",
            column: "Email",
            unique: true);

        migrationBuilder.AddCheckConstraint(
            name: "CK_Accounts_Score",
            table: "Accounts",
            sql: "\"Score\" BETWEEN 0 AND 1000000");

        migrationBuilder.AddForeignKey(
            name: "FK_Accounts_Owners_OwnerId",
            table: "Accounts",
            column: "OwnerId",
            principalTable: "Owners",
            principalColumn: "Id");

        migrationBuilder.AlterColumn<string>(
            name: "Code",
            table: "Accounts",
            type: "character varying(10)",
            maxLength: 10,
            nullable: true,
            oldClrType: typeof(string),
            oldType: "character varying(20)",
            oldMaxLength: 20,
            oldNullable: true);

        MoreChanges(migrationBuilder);
    }

    protected virtual void MoreChanges(MigrationBuilder migrationBuilder)
    {
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}

[DbContext(typeof(DirtyDataDbContext))]
[Migration(Id)]
public sealed class CreateDirtyAccounts() : CreateAccountsBase(dirty: true);

[DbContext(typeof(DirtyDataDbContext))]
[Migration(Id)]
[SafetyAssured("ESM0014", Reason = "Test: the type change narrows a small table on purpose.")]
public sealed class DirtyBreakingChanges() : BreakingChangesBase(cleanFirst: false)
{
    // A type change PostgreSQL refuses without USING, whatever the rows hold (plain EF fails on it too).
    protected override void MoreChanges(MigrationBuilder migrationBuilder)
        => migrationBuilder.AlterColumn<int>(
            name: "Legacy",
            table: "Accounts",
            type: "integer",
            nullable: true,
            oldClrType: typeof(string),
            oldType: "text",
            oldNullable: true);
}

[DbContext(typeof(CleanDataDbContext))]
[Migration(Id)]
public sealed class CreateCleanAccounts() : CreateAccountsBase(dirty: false);

[DbContext(typeof(CleanDataDbContext))]
[Migration(Id)]
[SafetyAssured("ESM0014", Reason = "Test: the type change narrows a small table on purpose.")]
public sealed class CleanBreakingChanges() : BreakingChangesBase(cleanFirst: false);

[DbContext(typeof(CleanedInRunDbContext))]
[Migration(Id)]
public sealed class CreateAccountsCleanedLater() : CreateAccountsBase(dirty: true);

[DbContext(typeof(CleanedInRunDbContext))]
[Migration(Id)]
[SafetyAssured("ESM0014", Reason = "Test: the type change narrows a small table on purpose.")]
public sealed class CleaningBreakingChanges() : BreakingChangesBase(cleanFirst: true);
