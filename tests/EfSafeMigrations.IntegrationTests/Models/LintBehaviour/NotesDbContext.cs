using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.LintBehaviour;

/// <summary>
/// ESM0047: a migration whose non-transactional step commits before a later step fails on a row. Applied by plain EF;
/// <see cref="RepeatableNotesDbContext"/> has the same migrations with the step written to be repeatable.
/// </summary>
public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options)
{
    public static NotesDbContext Create(string connectionString) => new(ShopOptions.For<NotesDbContext>(connectionString, safe: false));
}

/// <inheritdoc cref="NotesDbContext"/>
public sealed class RepeatableNotesDbContext(DbContextOptions<RepeatableNotesDbContext> options) : DbContext(options)
{
    public static RepeatableNotesDbContext Create(string connectionString) => new(ShopOptions.For<RepeatableNotesDbContext>(connectionString, safe: false));
}

public abstract class CreateOrdersBase : Migration
{
    public const string Id = "20260401000011_CreateOrders";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);");
        migrationBuilder.Sql("INSERT INTO orders (id, total) VALUES (1, 10), (2, -1);");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE orders;");
}

public abstract class AddNoteBase(string addColumn) : Migration
{
    public const string Id = "20260401000012_AddNote";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(addColumn, suppressTransaction: true);
        migrationBuilder.Sql("ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0);"); // fails on order 2
    }

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.Sql("ALTER TABLE orders DROP CONSTRAINT ck_orders_total; ALTER TABLE orders DROP COLUMN note;");
}

[DbContext(typeof(NotesDbContext))]
[Migration(Id)]
public sealed class CreateOrders : CreateOrdersBase;

[DbContext(typeof(NotesDbContext))]
[Migration(Id)]
public sealed class AddNote() : AddNoteBase("ALTER TABLE orders ADD COLUMN note text;");

[DbContext(typeof(RepeatableNotesDbContext))]
[Migration(CreateOrdersBase.Id)]
public sealed class CreateRepeatableOrders : CreateOrdersBase;

[DbContext(typeof(RepeatableNotesDbContext))]
[Migration(AddNoteBase.Id)]
public sealed class AddNoteRepeatably() : AddNoteBase("ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;");
