using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Shop;

/// <summary>Two tables holding rows, shared by every shop context.</summary>
public abstract class CreateShopTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "customers",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false),
                email = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_customers", x => x.id));
        migrationBuilder.CreateTable(
            name: "orders",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false),
                customer_id = table.Column<long>(type: "bigint", nullable: false),
                total = table.Column<decimal>(type: "numeric", nullable: false),
                number = table.Column<string>(type: "text", nullable: true),
            });
        migrationBuilder.Sql("""
            INSERT INTO customers (id, email) SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 200) g;
            INSERT INTO orders (id, customer_id, total, number) SELECT g, 1 + g % 200, g, 'N' || g FROM generate_series(1, 2000) g;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "orders");
        migrationBuilder.DropTable(name: "customers");
    }
}

[DbContext(typeof(ShopDbContext))]
[Migration(Id)]
public sealed class CreateShop : CreateShopTables
{
    public const string Id = "20260101000001_CreateShop";
}

[DbContext(typeof(SlowShopDbContext))]
[Migration(CreateShop.Id)]
public sealed class CreateSlowShop : CreateShopTables;

[DbContext(typeof(LockedShopDbContext))]
[Migration(CreateShop.Id)]
public sealed class CreateLockedShop : CreateShopTables;

/// <summary>Every rewrite on tables that exist and hold rows.</summary>
[DbContext(typeof(ShopDbContext))]
[Migration(Id)]
public sealed class SafeChanges : Migration
{
    public const string Id = "20260101000002_SafeChanges";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddPrimaryKey(name: "pk_orders", table: "orders", column: "id");
        migrationBuilder.CreateIndex(name: "ix_orders_customer_id", table: "orders", column: "customer_id");
        migrationBuilder.AddForeignKey(
            name: "fk_orders_customers", table: "orders", column: "customer_id", principalTable: "customers", principalColumn: "id");
        migrationBuilder.AddCheckConstraint(name: "ck_orders_total", table: "orders", sql: "total >= 0");
        migrationBuilder.AlterColumn<string>(
            name: "email", table: "customers", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true);
        migrationBuilder.AddUniqueConstraint(name: "ak_orders_number", table: "orders", column: "number");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropUniqueConstraint(name: "ak_orders_number", table: "orders");
        migrationBuilder.AlterColumn<string>(
            name: "email", table: "customers", type: "text", nullable: true, oldClrType: typeof(string), oldType: "text");
        migrationBuilder.DropCheckConstraint(name: "ck_orders_total", table: "orders");
        migrationBuilder.DropForeignKey(name: "fk_orders_customers", table: "orders");
        migrationBuilder.DropIndex(name: "ix_orders_customer_id", table: "orders");
        migrationBuilder.DropPrimaryKey(name: "pk_orders", table: "orders");
    }
}

/// <summary>A plain schema change that needs ACCESS EXCLUSIVE: what a long transaction blocks.</summary>
[DbContext(typeof(LockedShopDbContext))]
[Migration(Id)]
public sealed class AddOrderNote : Migration
{
    public const string Id = "20260101000003_AddOrderNote";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.AddColumn<string>(name: "note", table: "orders", type: "text", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropColumn(name: "note", table: "orders");
}

/// <summary>
/// A concurrent index build made slow on purpose (its predicate sleeps per row), so that a test can
/// terminate the backend mid-build. The function is declared IMMUTABLE so PostgreSQL accepts it in an index.
/// </summary>
[DbContext(typeof(SlowShopDbContext))]
[Migration(Id)]
public sealed class AddSlowIndex : Migration
{
    public const string Id = "20260101000004_AddSlowIndex";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION slow_true(value numeric) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
            $$ BEGIN PERFORM pg_sleep(0.001); RETURN true; END $$;
            """);
        migrationBuilder.CreateIndex(name: "ix_orders_total_slow", table: "orders", column: "total", filter: "slow_true(total)");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "ix_orders_total_slow", table: "orders");
        migrationBuilder.Sql("DROP FUNCTION slow_true(numeric);");
    }
}
