using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.LongLived;

/// <summary>
/// The migration history of a long-lived project, generated: entity tables <c>entity_0</c>..<c>entity_{n-1}</c> each go
/// through the same chapters, interleaved as features land over the years, every migration in the exact shape
/// <c>dotnet ef migrations add</c> scaffolds for that model change (store types, old values, the default EF adds for a
/// required column or a nullable column made required, enums as database annotations, seed data, FK with its index).
/// The first half of the chapters leaves the tables ready for data; the second half changes tables that have rows.
/// </summary>
public static class LongLivedHistory
{
    /// <summary>The chapters every entity goes through, in order.</summary>
    public static readonly string[] Chapters =
    [
        "Create", "AddPriority", "AddCode", "WidenName", "AddParent",
        "RequireCode", "PriorityToBigint", "RenameNote", "AddMood", "DropRemark",
    ];

    /// <summary>Chapters in the first half: what a project had before adopting EfSafeMigrations.</summary>
    public const int FirstHalfChapters = 5;

    /// <summary>The migrations, in id order: <paramref name="entities"/> times every chapter, plus a scratch table created and later dropped.</summary>
    public static IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> Migrations(int entities)
    {
        var list = new List<(string, Action<MigrationBuilder>)>();
        var serial = 0;
        string Id(string name) => $"2021{++serial:D10}_{name}";
        for (var chapter = 0; chapter < Chapters.Length; chapter++)
        {
            if (chapter == FirstHalfChapters)
            {
                list.Add((Id("DropScratch"), b => b.DropTable(name: "scratch")));
            }

            for (var entity = 0; entity < entities; entity++)
            {
                var (c, e) = (chapter, entity);
                list.Add((Id($"{Chapters[c]}{e}"), b => Chapter(b, c, e)));
            }

            if (chapter == 0)
            {
                list.Add((Id("CreateScratch"), b => b.CreateTable(
                    name: "scratch",
                    columns: t => new { id = t.Column<int>(type: "integer", nullable: false), payload = t.Column<string>(type: "text", nullable: true) },
                    constraints: t => t.PrimaryKey("PK_scratch", x => x.id))));
            }
        }

        return list;
    }

    /// <summary>The id of the last migration of the first half (what plain EF applied before adoption).</summary>
    public static string LastOfFirstHalf(int entities) => Migrations(entities)[FirstHalfChapters * entities].Id;

    public static string Table(int entity) => "entity_" + entity.ToString(CultureInfo.InvariantCulture);

    private static void Chapter(MigrationBuilder b, int chapter, int entity)
    {
        var table = Table(entity);
        var parent = Table(Math.Max(0, entity - 1));
        switch (Chapters[chapter])
        {
            case "Create":
                b.CreateTable(
                    name: table,
                    columns: t => new
                    {
                        id = t.Column<long>(type: "bigint", nullable: false)
                            .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                        name = t.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                        note = t.Column<string>(type: "text", nullable: true),
                        created_at = t.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    },
                    constraints: t => t.PrimaryKey($"PK_{table}", x => x.id));
                b.CreateIndex(name: $"IX_{table}_name", table: table, column: "name");
                break;
            case "AddPriority":
                b.AddColumn<int>(name: "priority", table: table, type: "integer", nullable: false, defaultValue: 0);
                break;
            case "AddCode":
                b.AddColumn<string>(name: "code", table: table, type: "text", nullable: true);
                break;
            case "WidenName":
                b.AlterColumn<string>(name: "name", table: table, type: "character varying(200)", maxLength: 200, nullable: false,
                    oldClrType: typeof(string), oldType: "character varying(100)", oldMaxLength: 100);
                break;
            case "AddParent":
                b.AddColumn<long>(name: "parent_id", table: table, type: "bigint", nullable: true);
                b.CreateIndex(name: $"IX_{table}_parent_id", table: table, column: "parent_id");
                b.AddForeignKey(name: $"FK_{table}_{parent}_parent_id", table: table, column: "parent_id", principalTable: parent, principalColumn: "id");
                break;
            case "RequireCode":
                // EF's shape for a nullable column made required: Npgsql fills NULLs with the default, then SET NOT NULL.
                b.AlterColumn<string>(name: "code", table: table, type: "text", nullable: false, defaultValue: "",
                    oldClrType: typeof(string), oldType: "text", oldNullable: true);
                break;
            case "PriorityToBigint":
                b.AlterColumn<long>(name: "priority", table: table, type: "bigint", nullable: false,
                    oldClrType: typeof(int), oldType: "integer");
                break;
            case "RenameNote":
                b.RenameColumn(name: "note", table: table, newName: "remark");
                b.CreateIndex(name: $"IX_{table}_priority", table: table, column: "priority");
                break;
            case "AddMood":
                var database = b.AlterDatabase();
                for (var e = 0; e <= entity; e++)
                {
                    database.Annotation($"Npgsql:Enum:mood_{e}", "happy,sad");
                }

                for (var e = 0; e < entity; e++)
                {
                    database.OldAnnotation($"Npgsql:Enum:mood_{e}", "happy,sad");
                }

                b.AddColumn<int>(name: "mood", table: table, type: $"mood_{entity}", nullable: true);
                // Column types given, as EF needs them when no Designer model maps the table.
                b.InsertData(table: table, columns: ["id", "name", "code", "created_at", "priority"],
                    columnTypes: ["bigint", "character varying(200)", "text", "timestamp with time zone", "bigint"],
                    values: new object[] { -1L - entity, "seeded", "seed", new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc), 0L });
                break;
            case "DropRemark":
                b.DropColumn(name: "remark", table: table);
                break;
        }
    }
}
