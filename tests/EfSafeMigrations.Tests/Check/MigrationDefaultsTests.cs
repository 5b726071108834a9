using EfSafeMigrations.Check;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.Check;

/// <summary>
/// Without a replay of the migrations, check still recognises the defaults EF's scaffolded <c>defaultValue:</c>
/// leaves, by reading the migrations' operations in order.
/// </summary>
public class MigrationDefaultsTests
{
    [Test]
    public void Defaults_from_EFs_AddColumn_and_AlterColumn_shapes_are_recognised_and_followed_through_renames_and_drops()
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.AddColumn<int>(name: "Rank", table: "blogs", type: "integer", nullable: false, defaultValue: 0);
        builder.AlterColumn<string>(name: "Subtitle", table: "blogs", type: "text", nullable: false, defaultValue: "",
            oldClrType: typeof(string), oldType: "text", oldNullable: true);
        builder.AddColumn<bool>(name: "IsPublic", table: "blogs", type: "boolean", nullable: false, defaultValue: false);
        builder.AddColumn<string>(name: "Note", table: "blogs", type: "text", nullable: true);
        builder.AddColumn<int>(name: "Legacy", table: "blogs", type: "integer", nullable: false, defaultValue: 0);
        builder.DropColumn(name: "Legacy", table: "blogs");
        builder.AddColumn<int>(name: "Weight", table: "posts", schema: "content", type: "integer", nullable: false, defaultValue: 0);
        builder.RenameColumn(name: "Rank", table: "blogs", newName: "Position");
        builder.AlterColumn<bool>(name: "IsPublic", table: "blogs", type: "boolean", nullable: false,
            oldClrType: typeof(bool), oldType: "boolean", oldDefaultValue: false);
        builder.RenameTable(name: "blogs", newName: "weblogs");

        var defaults = MigrationDefaults.Read(builder.Operations, defaultSchema: null);

        string[] columns = ["public.weblogs.Position", "public.weblogs.Subtitle", "content.posts.Weight"];
        foreach (var column in columns)
        {
            defaults.LeftBy(DropDefault(column)).Should().BeTrue(column);
        }

        foreach (var column in new[] { "public.weblogs.IsPublic", "public.weblogs.Note", "public.weblogs.Legacy", "public.blogs.Subtitle" })
        {
            defaults.LeftBy(DropDefault(column)).Should().BeFalse(column);
        }

        defaults.LeftBy(new PushStep(PushStepKind.AlterColumn, columns[0], "ALTER TABLE t ALTER COLUMN c SET NOT NULL", null, null, true))
            .Should().BeFalse("only the dropped default is explained by EF's defaultValue:");
    }

    private static PushStep DropDefault(string column)
        => new(PushStepKind.AlterColumn, column, $"ALTER TABLE x ALTER COLUMN y DROP DEFAULT", null, null, true);
}
