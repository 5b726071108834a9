using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfSafeMigrations.Sample.Migrations
{
    /// <inheritdoc />
    public partial class SplitName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "first_name",
                table: "users",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_name",
                table: "users",
                type: "text",
                nullable: true);

            // Expand: the new columns exist, the app (this version) writes name, first_name and last_name.
            // Backfill the rows written before: keyset batches of 1,000 rows over the primary key, each its own short
            // transaction outside the migration's, checkpointed in the journal (a crash resumes at the next batch).
            migrationBuilder.Backfill(
                "users",
                set: "first_name = split_part(name, ' ', 1), last_name = NULLIF(substr(name, length(split_part(name, ' ', 1)) + 2), '')",
                where: "first_name IS NULL",
                batchSize: 1_000);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "first_name",
                table: "users");

            migrationBuilder.DropColumn(
                name: "last_name",
                table: "users");
        }
    }
}
