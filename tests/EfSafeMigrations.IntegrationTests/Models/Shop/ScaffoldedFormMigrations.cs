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

/// <summary>
/// The safe form exactly as the scaffolder writes it (annotations and Sql steps, no suppressTransaction); plain EF
/// tools must run it correctly too.
/// </summary>
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
        migrationBuilder.Sql("ALTER TABLE customers ADD CONSTRAINT esm_nn_1 CHECK (email IS NOT NULL) NOT VALID;");
        migrationBuilder.Sql("ALTER TABLE customers VALIDATE CONSTRAINT esm_nn_1;");
        migrationBuilder.AlterColumn<string>(
                name: "email", table: "customers", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true)
            .Annotation(SafeMigrationsAnnotationNames.NotNullCheck, "esm_nn_1");
        migrationBuilder.Sql("ALTER TABLE customers DROP CONSTRAINT esm_nn_1;");
        migrationBuilder.CreateIndex(name: "ak_orders_number", table: "orders", column: "number", unique: true)
            .Annotation(SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently, true);
        migrationBuilder.Sql("ALTER TABLE orders ADD CONSTRAINT ak_orders_number UNIQUE USING INDEX ak_orders_number;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropUniqueConstraint(name: "ak_orders_number", table: "orders");
        migrationBuilder.AlterColumn<string>(
            name: "email", table: "customers", type: "text", nullable: true, oldClrType: typeof(string), oldType: "text");
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
