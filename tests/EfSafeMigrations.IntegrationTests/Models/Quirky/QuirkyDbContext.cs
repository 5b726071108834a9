using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Quirky;

/// <summary>
/// Identifiers that need quoting everywhere: quotes, spaces, upper case, a reserved word, non-ASCII letters,
/// in the tables, the index, and the history table (so the journal and the lock key see them too).
/// </summary>
public sealed class QuirkyDbContext(DbContextOptions<QuirkyDbContext> options) : DbContext(options)
{
    public const string Schema = "Ünï Schema";
    public const string Table = "Order \"Items\"";
    public const string Column = "Select";
    public const string IndexName = "Idx Größe";
    public const string HistoryTable = "My History";

    public static DbContextOptions<QuirkyDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<QuirkyDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable, Schema))
            .UseSafeMigrations()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
}

[DbContext(typeof(QuirkyDbContext))]
[Migration("20260101000001_CreateQuirky")]
public sealed class CreateQuirky : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(QuirkyDbContext.Schema);
        migrationBuilder.CreateTable(
            name: QuirkyDbContext.Table,
            schema: QuirkyDbContext.Schema,
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false),
                Select = table.Column<string>(type: "text", nullable: true),
            });
        migrationBuilder.Sql(""""INSERT INTO "Ünï Schema"."Order ""Items""" (id, "Select") SELECT g, 'v' || g FROM generate_series(1, 100) g;"""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropTable(name: QuirkyDbContext.Table, schema: QuirkyDbContext.Schema);
}

[DbContext(typeof(QuirkyDbContext))]
[Migration("20260101000002_IndexQuirky")]
public sealed class IndexQuirky : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.CreateIndex(
            name: QuirkyDbContext.IndexName, schema: QuirkyDbContext.Schema, table: QuirkyDbContext.Table, column: QuirkyDbContext.Column);

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropIndex(name: QuirkyDbContext.IndexName, schema: QuirkyDbContext.Schema, table: QuirkyDbContext.Table);
}
