using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace EfSafeMigrations.IntegrationTests.Models.Blogs;

/// <summary>The migrations of <see cref="BlogsDbContext"/>, as EF scaffolds them.</summary>
public static class BlogsMigrations
{
    public const string CreateBlogsId = "20260201000001_CreateBlogs";
    public const string BlogDetailsId = "20260201000002_BlogDetails";
    public const string FixTitlesId = "20260201000003_FixTitles";
}

[DbContext(typeof(BlogsDbContext))]
[Migration(BlogsMigrations.CreateBlogsId)]
public class CreateBlogs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "blogs",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Title = table.Column<string>(type: "text", nullable: false),
                Subtitle = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_blogs", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "posts",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BlogId = table.Column<int>(type: "integer", nullable: true),
                Body = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_posts", x => x.Id);
                table.ForeignKey(
                    name: "FK_posts_blogs_BlogId",
                    column: x => x.BlogId,
                    principalTable: "blogs",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_posts_BlogId",
            table: "posts",
            column: "BlogId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "posts");
        migrationBuilder.DropTable(name: "blogs");
    }
}

[DbContext(typeof(BlogsDbContext))]
[Migration(BlogsMigrations.BlogDetailsId)]
public class BlogDetails : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<string>(
            name: "Subtitle",
            table: "blogs",
            type: "text",
            nullable: false,
            defaultValue: "",
            oldClrType: typeof(string),
            oldType: "text",
            oldNullable: true);

        migrationBuilder.AddColumn<DateTime>(
            name: "CreatedAt",
            table: "blogs",
            type: "timestamp with time zone",
            nullable: false,
            defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

        migrationBuilder.AddColumn<bool>(
            name: "IsPublic",
            table: "blogs",
            type: "boolean",
            nullable: false,
            defaultValue: false);

        migrationBuilder.AddColumn<int>(
            name: "Rank",
            table: "blogs",
            type: "integer",
            nullable: false,
            defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "CreatedAt", table: "blogs");
        migrationBuilder.DropColumn(name: "IsPublic", table: "blogs");
        migrationBuilder.DropColumn(name: "Rank", table: "blogs");
        migrationBuilder.AlterColumn<string>(
            name: "Subtitle",
            table: "blogs",
            type: "text",
            nullable: true,
            oldClrType: typeof(string),
            oldType: "text");
    }
}

[DbContext(typeof(DataFixBlogsDbContext))]
[Migration(BlogsMigrations.CreateBlogsId)]
public sealed class DataFixCreateBlogs : CreateBlogs;

[DbContext(typeof(DataFixBlogsDbContext))]
[Migration(BlogsMigrations.BlogDetailsId)]
public sealed class DataFixBlogDetails : BlogDetails;

/// <summary>A data migration that refuses to run where the rows it fixes are missing.</summary>
[DbContext(typeof(DataFixBlogsDbContext))]
[Migration(BlogsMigrations.FixTitlesId)]
public sealed class FixTitles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Sql("""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM blogs) THEN RAISE EXCEPTION 'FixTitles expects the blogs it fixes'; END IF;
                UPDATE blogs SET "Title" = initcap("Title");
            END $$;
            """);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
