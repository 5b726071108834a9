using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Shop;

/// <summary>The shop tables, then one index EfSafeMigrations builds concurrently: what a session holding a snapshot blocks.</summary>
public sealed class SnapshotShopDbContext(DbContextOptions<SnapshotShopDbContext> options) : DbContext(options);

/// <summary>The shop tables, then a concurrent index build that runs until the test opens its gate.</summary>
public sealed class GatedShopDbContext(DbContextOptions<GatedShopDbContext> options) : DbContext(options);

[DbContext(typeof(SnapshotShopDbContext))]
[Migration(CreateShop.Id)]
public sealed class CreateSnapshotShop : CreateShopTables;

[DbContext(typeof(GatedShopDbContext))]
[Migration(CreateShop.Id)]
public sealed class CreateGatedShop : CreateShopTables;

/// <summary>An index as <c>dotnet ef migrations add</c> scaffolds it (the safe generator builds it concurrently).</summary>
[DbContext(typeof(SnapshotShopDbContext))]
[Migration(Id)]
public sealed class AddOrderNumberIndex : Migration
{
    public const string Id = "20260101000005_AddOrderNumberIndex";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.CreateIndex(name: "ix_orders_number", table: "orders", column: "number");

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropIndex(name: "ix_orders_number", table: "orders");
}

/// <summary>
/// A concurrent index build that cannot finish while the test holds the advisory lock <see cref="GateKey"/>: its
/// predicate polls for the lock on every row (IMMUTABLE so that PostgreSQL accepts it in an index). Deterministic,
/// unlike a build made long by millions of rows: the test decides when the build may end.
/// </summary>
[DbContext(typeof(GatedShopDbContext))]
[Migration(Id)]
public sealed class AddGatedIndex : Migration
{
    public const string Id = "20260101000006_AddGatedIndex";
    public const long GateKey = 74201;
    public const string IndexName = "ix_orders_total_gated";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE FUNCTION gated_true(value numeric) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
            BEGIN
                WHILE NOT pg_try_advisory_lock_shared({GateKey}) LOOP PERFORM pg_sleep(0.01); END LOOP;
                PERFORM pg_advisory_unlock_shared({GateKey});
                RETURN true;
            END $$;
            """);
        migrationBuilder.CreateIndex(name: IndexName, table: "orders", column: "total", filter: "gated_true(total)");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: IndexName, table: "orders");
        migrationBuilder.Sql("DROP FUNCTION gated_true(numeric);");
    }
}
