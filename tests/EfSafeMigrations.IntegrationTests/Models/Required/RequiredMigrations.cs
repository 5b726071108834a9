using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Required;

/// <summary>
/// A table with rows, a third of them NULL in each column that later becomes required (enough NULL rows for
/// several fill batches), and a primary key the next migration renames, as the real project's migration did.
/// </summary>
public abstract class CreatePeopleTable : Migration
{
    public const string Id = "20260201000001_CreatePeople";
    public const int Rows = 120_000;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "People",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false),
                Name = table.Column<string>(type: "text", nullable: true),
                Age = table.Column<int>(type: "integer", nullable: true),
                JoinedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_People", x => x.Id));
        migrationBuilder.Sql($"""
            INSERT INTO "People" ("Id", "Name", "Age", "JoinedAt")
            SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'p' || g END, CASE WHEN g % 3 = 1 THEN NULL ELSE g % 90 END,
                   CASE WHEN g % 3 = 2 THEN NULL ELSE timestamptz '2020-01-01 00:00:00+00' + g * interval '1 minute' END
            FROM generate_series(1, {Rows}) g;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "People");
}

[DbContext(typeof(RequiredDbContext))]
[Migration(Id)]
public sealed class CreatePeople : CreatePeopleTable;

[DbContext(typeof(ScaffoldedRequiredDbContext))]
[Migration(Id)]
public sealed class CreateScaffoldedPeople : CreatePeopleTable;

[DbContext(typeof(OlderScaffoldedRequiredDbContext))]
[Migration(Id)]
public sealed class CreateOlderScaffoldedPeople : CreatePeopleTable;

/// <summary>Exactly what <c>dotnet ef migrations add</c> scaffolds (plain EF) when three properties become required and the key is renamed.</summary>
[DbContext(typeof(RequiredDbContext))]
[Migration(Id)]
public sealed class MakePeopleRequired : Migration
{
    public const string Id = "20260201000002_MakePeopleRequired";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropPrimaryKey(
            name: "PK_People",
            table: "People");

        migrationBuilder.AlterColumn<string>(
            name: "Name",
            table: "People",
            type: "text",
            nullable: false,
            defaultValue: "",
            oldClrType: typeof(string),
            oldType: "text",
            oldNullable: true);

        migrationBuilder.AlterColumn<DateTime>(
            name: "JoinedAt",
            table: "People",
            type: "timestamp with time zone",
            nullable: false,
            defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified),
            oldClrType: typeof(DateTime),
            oldType: "timestamp with time zone",
            oldNullable: true);

        migrationBuilder.AlterColumn<int>(
            name: "Age",
            table: "People",
            type: "integer",
            nullable: false,
            defaultValue: 0,
            oldClrType: typeof(int),
            oldType: "integer",
            oldNullable: true);

        migrationBuilder.AddPrimaryKey(
            name: "PK_Persons",
            table: "People",
            column: "Id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropPrimaryKey(name: "PK_Persons", table: "People");
        migrationBuilder.AlterColumn<int>(name: "Age", table: "People", type: "integer", nullable: true, oldClrType: typeof(int), oldType: "integer");
        migrationBuilder.AlterColumn<DateTime>(
            name: "JoinedAt", table: "People", type: "timestamp with time zone", nullable: true, oldClrType: typeof(DateTime),
            oldType: "timestamp with time zone");
        migrationBuilder.AlterColumn<string>(name: "Name", table: "People", type: "text", nullable: true, oldClrType: typeof(string), oldType: "text");
        migrationBuilder.AddPrimaryKey(name: "PK_People", table: "People", column: "Id");
    }
}

/// <summary>The safe form this version scaffolds for the Name column: fill step, helper check, annotated AlterColumn, drop.</summary>
[DbContext(typeof(ScaffoldedRequiredDbContext))]
[Migration(MakePeopleRequired.Id)]
public sealed class MakeScaffoldedPeopleRequired : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => ScaffoldedName(migrationBuilder, withFill: true);

    internal static void ScaffoldedName(MigrationBuilder migrationBuilder, bool withFill)
    {
        var check = SafeSql.NotNullCheckName(null, "People", "Name");
        if (withFill)
        {
            migrationBuilder.Sql(NullFillSql.Marker + "\nUPDATE \"People\" SET \"Name\" = '' WHERE \"Name\" IS NULL;");
        }

        migrationBuilder.Sql($"ALTER TABLE \"People\" ADD CONSTRAINT {check} CHECK (\"Name\" IS NOT NULL) NOT VALID;");
        migrationBuilder.Sql($"ALTER TABLE \"People\" VALIDATE CONSTRAINT {check};");
        migrationBuilder.AlterColumn<string>(
            name: "Name",
            table: "People",
            type: "text",
            nullable: false,
            defaultValue: "",
            oldClrType: typeof(string),
            oldType: "text",
            oldNullable: true)
            .Annotation("EfSafeMigrations:NotNullCheck", check);
        migrationBuilder.Sql($"ALTER TABLE \"People\" DROP CONSTRAINT {check};");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.AlterColumn<string>(name: "Name", table: "People", type: "text", nullable: true, oldClrType: typeof(string), oldType: "text");
}

/// <summary>The form scaffolded before the fill step existed: no fill, so its VALIDATE met the NULLs.</summary>
[DbContext(typeof(OlderScaffoldedRequiredDbContext))]
[Migration(MakePeopleRequired.Id)]
public sealed class MakeOlderScaffoldedPeopleRequired : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => MakeScaffoldedPeopleRequired.ScaffoldedName(migrationBuilder, withFill: false);

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.AlterColumn<string>(name: "Name", table: "People", type: "text", nullable: true, oldClrType: typeof(string), oldType: "text");
}

[DbContext(typeof(RequiredUniqueDbContext))]
[Migration(Id)]
public sealed class CreateUniquePeople : CreatePeopleTable;

/// <summary>What dotnet ef scaffolds when Name becomes required and gets a unique index in one model change.</summary>
[DbContext(typeof(RequiredUniqueDbContext))]
[Migration(MakePeopleRequired.Id)]
public sealed class MakePeopleNameRequiredAndUnique : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<string>(
            name: "Name",
            table: "People",
            type: "text",
            nullable: false,
            defaultValue: "",
            oldClrType: typeof(string),
            oldType: "text",
            oldNullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_People_Name",
            table: "People",
            column: "Name",
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
