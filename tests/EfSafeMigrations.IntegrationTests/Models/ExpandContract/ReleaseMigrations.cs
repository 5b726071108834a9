using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace EfSafeMigrations.IntegrationTests.Models.ExpandContract;

/// <summary>
/// The schema's history across two releases: the tables as release 1 created them (with rows: NULLs and duplicates), the
/// expand deployed with release 2 (all four kinds of change at once), and the contract run once release 1 is gone.
/// The application versions (<see cref="Release1Context"/>, <see cref="Release2Context"/>) map no migrations: as in
/// production, the migrations run apart from the traffic.
/// </summary>
public sealed class ReleaseMigrationsContext(DbContextOptions<ReleaseMigrationsContext> options) : DbContext(options)
{
    public static ReleaseMigrationsContext Create(string connectionString, Action<SafeMigrationsOptions>? configure = null)
        => new(ShopOptions.For<ReleaseMigrationsContext>(connectionString, safe: true, configure));
}

public static class ReleaseIds
{
    public const string Create = "20260401000001_CreateRelease1Tables";
    public const string Expand = "20260401000002_ExpandForRelease2";
    public const string Contract = "20260401000003_ContractAfterRelease2";

    /// <summary>Rows per table before the expand.</summary>
    public const int Rows = 30;

    /// <summary>What a required country gets where release 1 leaves it NULL.</summary>
    public const string UnknownCountry = "unknown";
}

/// <summary>Release 1's tables, as <c>dotnet ef migrations add</c> scaffolds them, and rows with NULLs and duplicates.</summary>
[DbContext(typeof(ReleaseMigrationsContext))]
[Migration(ReleaseIds.Create)]
public sealed class CreateRelease1Tables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                email = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_users", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "orders",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                price_cents = table.Column<int>(type: "integer", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_orders", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "profiles",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                country = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_profiles", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "customers",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                name = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_customers", x => x.id);
            });

        // Every 5th value NULL, every 4th a duplicate.
        migrationBuilder.Sql($"""
            INSERT INTO users (email) SELECT CASE WHEN g % 5 = 0 THEN NULL WHEN g % 4 = 0 THEN 'same@example.com' ELSE 'user' || g || '@example.com' END
            FROM generate_series(1, {ReleaseIds.Rows}) g;
            INSERT INTO orders (price_cents) SELECT CASE WHEN g % 5 = 0 THEN NULL WHEN g % 4 = 0 THEN 999 ELSE g * 101 END FROM generate_series(1, {ReleaseIds.Rows}) g;
            INSERT INTO profiles (country) SELECT CASE WHEN g % 5 = 0 THEN NULL WHEN g % 4 = 0 THEN 'NL' ELSE 'country ' || g END FROM generate_series(1, {ReleaseIds.Rows}) g;
            INSERT INTO customers (name) SELECT CASE WHEN g % 4 = 0 THEN 'Same Name' ELSE 'customer ' || g END FROM generate_series(1, {ReleaseIds.Rows}) g;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "customers");
        migrationBuilder.DropTable(name: "profiles");
        migrationBuilder.DropTable(name: "orders");
        migrationBuilder.DropTable(name: "users");
    }
}

/// <summary>
/// Release 2 renames users.email to email_address, stores order prices as numeric(12,2) in <c>price</c> instead of integer
/// cents, makes profiles.country required, and renames customers to clients; written as users write it.
/// </summary>
[DbContext(typeof(ReleaseMigrationsContext))]
[Migration(ReleaseIds.Expand)]
public sealed class ExpandForRelease2 : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.ExpandRenameColumn(table: "users", name: "email", newName: "email_address", type: "text", nullable: true);
        migrationBuilder.ExpandColumnType(table: "orders", name: "price_cents", newName: "price", type: "numeric(12,2)", oldType: "integer", nullable: true,
            up: "price_cents / 100.0", down: "round(price * 100)::integer");
        migrationBuilder.ExpandRequired(table: "profiles", name: "country", fill: $"'{ReleaseIds.UnknownCountry}'");
        migrationBuilder.ExpandRenameTable(name: "customers", newName: "clients");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.UndoExpandRenameTable(name: "customers", newName: "clients");
        migrationBuilder.UndoExpandRequired(table: "profiles", name: "country", fill: $"'{ReleaseIds.UnknownCountry}'");
        migrationBuilder.UndoExpandColumnType(table: "orders", name: "price_cents", newName: "price", type: "numeric(12,2)", oldType: "integer", nullable: true,
            up: "price_cents / 100.0", down: "round(price * 100)::integer");
        migrationBuilder.UndoExpandRenameColumn(table: "users", name: "email", newName: "email_address", type: "text", nullable: true);
    }
}

/// <summary>The post-deployment half, once release 1 no longer runs (same arguments as the expand).</summary>
[DbContext(typeof(ReleaseMigrationsContext))]
[Migration(ReleaseIds.Contract)]
public sealed class ContractAfterRelease2 : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.ContractRenameColumn(table: "users", name: "email", newName: "email_address", type: "text", nullable: true);
        migrationBuilder.ContractColumnType(table: "orders", name: "price_cents", newName: "price", type: "numeric(12,2)", oldType: "integer", nullable: true,
            up: "price_cents / 100.0", down: "round(price * 100)::integer");
        migrationBuilder.ContractRequired(table: "profiles", name: "country", fill: $"'{ReleaseIds.UnknownCountry}'");
        migrationBuilder.ContractRenameTable(name: "customers", newName: "clients");
    }
}
