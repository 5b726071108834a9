using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Partitioned;

/// <summary>
/// A range-partitioned <c>orders</c> table (created with <c>Sql</c>, as EF cannot declare partitioning): two plain
/// partitions and one that is itself hash-partitioned; then the operations <c>dotnet ef migrations add</c> scaffolds
/// for an index, a foreign key, a unique constraint and an index drop on it.
/// </summary>
public sealed class PartitionedDbContext(DbContextOptions<PartitionedDbContext> options) : DbContext(options)
{
    public static DbContextOptions<PartitionedDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<PartitionedDbContext>()
            .UseNpgsql(connectionString)
            .UseSafeMigrations()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
}

[DbContext(typeof(PartitionedDbContext))]
[Migration("20260201000001_CreatePartitionedOrders")]
public sealed class CreatePartitionedOrders : Migration
{
    public const string Id = "20260201000001_CreatePartitionedOrders";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "customers",
            columns: table => new { id = table.Column<long>(type: "bigint", nullable: false) },
            constraints: table => table.PrimaryKey("PK_customers", x => x.id));
        migrationBuilder.Sql("""
            CREATE TABLE orders (id bigint NOT NULL, customer_id bigint, created date NOT NULL, note text) PARTITION BY RANGE (created);
            CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            CREATE TABLE orders_2027 PARTITION OF orders FOR VALUES FROM ('2027-01-01') TO ('2028-01-01') PARTITION BY HASH (id);
            CREATE TABLE orders_2027_a PARTITION OF orders_2027 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
            CREATE TABLE orders_2027_b PARTITION OF orders_2027 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE orders;");
        migrationBuilder.DropTable(name: "customers");
    }
}

[DbContext(typeof(PartitionedDbContext))]
[Migration("20260201000002_AddOrdersCustomerIndexAndForeignKey")]
public sealed class AddOrdersCustomerIndexAndForeignKey : Migration
{
    public const string Id = "20260201000002_AddOrdersCustomerIndexAndForeignKey";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "IX_orders_customer_id",
            table: "orders",
            column: "customer_id")
            .Annotation("Npgsql:CreatedConcurrently", true);

        migrationBuilder.AddForeignKey(
            name: "FK_orders_customers_customer_id",
            table: "orders",
            column: "customer_id",
            principalTable: "customers",
            principalColumn: "id",
            onDelete: ReferentialAction.Cascade)
            .Annotation("EfSafeMigrations:NotValid", true);

        migrationBuilder.Sql("ALTER TABLE orders VALIDATE CONSTRAINT \"FK_orders_customers_customer_id\";");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropForeignKey(name: "FK_orders_customers_customer_id", table: "orders");
        migrationBuilder.DropIndex(name: "IX_orders_customer_id", table: "orders");
    }
}

[DbContext(typeof(PartitionedDbContext))]
[Migration("20260201000003_AddOrdersUniqueKey")]
public sealed class AddOrdersUniqueKey : Migration
{
    public const string Id = "20260201000003_AddOrdersUniqueKey";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(name: "AK_orders_id_created", table: "orders", columns: ["id", "created"], unique: true)
            .Annotation("Npgsql:CreatedConcurrently", true);
        migrationBuilder.Sql("ALTER TABLE orders ADD CONSTRAINT \"AK_orders_id_created\" UNIQUE USING INDEX \"AK_orders_id_created\";");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropUniqueConstraint(name: "AK_orders_id_created", table: "orders");
}

[DbContext(typeof(PartitionedDbContext))]
[Migration("20260201000004_DropOrdersCustomerIndex")]
public sealed class DropOrdersCustomerIndex : Migration
{
    public const string Id = "20260201000004_DropOrdersCustomerIndex";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropIndex(name: "IX_orders_customer_id", table: "orders");

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.CreateIndex(name: "IX_orders_customer_id", table: "orders", column: "customer_id")
            .Annotation("Npgsql:CreatedConcurrently", true);
}
