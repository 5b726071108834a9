using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Shop;

/// <inheritdoc cref="ShopDbContext"/>
public sealed class ScaffoldedShopDbContext(DbContextOptions<ScaffoldedShopDbContext> options) : DbContext(options);

/// <inheritdoc cref="ShopDbContext"/>
public sealed class SecretShopDbContext(DbContextOptions<SecretShopDbContext> options) : DbContext(options);

[DbContext(typeof(ScaffoldedShopDbContext))]
[Migration(CreateShop.Id)]
public sealed class CreateScaffoldedShop : CreateShopTables;

/// <summary>The safe form exactly as the scaffolder writes it (annotations plus a Sql VALIDATE step, no suppressTransaction).</summary>
[DbContext(typeof(ScaffoldedShopDbContext))]
[Migration("20260101000002_ScaffoldedSafeChanges")]
public sealed class ScaffoldedSafeChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(name: "ix_orders_customer_id", table: "orders", column: "customer_id")
            .Annotation(SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently, true);
        migrationBuilder.AddForeignKey(
                name: "fk_orders_customers", table: "orders", column: "customer_id", principalTable: "customers", principalColumn: "id")
            .Annotation(SafeMigrationsAnnotationNames.NotValid, true);
        migrationBuilder.Sql("ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customers;");
        migrationBuilder.AddCheckConstraint(name: "ck_orders_total", table: "orders", sql: "total >= 0").NotValid();
        migrationBuilder.ValidateConstraint("ck_orders_total", "orders");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropCheckConstraint(name: "ck_orders_total", table: "orders");
        migrationBuilder.DropForeignKey(name: "fk_orders_customers", table: "orders");
        migrationBuilder.DropIndex(name: "ix_orders_customer_id", table: "orders");
    }
}

/// <summary>A statement carrying a password that fails: nothing may echo the password.</summary>
[DbContext(typeof(SecretShopDbContext))]
[Migration("20260101000001_AlterRoleWithPassword")]
public sealed class AlterRoleWithPassword : Migration
{
    public const string Secret = "hunter2-very-secret";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Sql($"ALTER ROLE no_such_role_here PASSWORD '{Secret}';");

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
