using EfSafeMigrations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfSafeMigrations.Sample.Migrations
{
    /// <inheritdoc />
    [SafetyAssured("ESM0018", Reason = "name is unused since the SplitName release: every running version reads and writes first_name and last_name")]
    public partial class DropName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Contract: deployed only once no running version reads or writes name (the SplitName release
            // stopped reading it). Dropping a column is instant but cannot be undone: the data is gone.
            migrationBuilder.DropColumn(
                name: "name",
                table: "users");

            migrationBuilder.AlterColumn<string>(
                name: "first_name",
                table: "users",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
            // EF scaffolded defaultValue: "" here, which would UPDATE every NULL row in one statement and leave
            // a '' default behind; the SplitName backfill already filled every row, so it was removed.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "first_name",
                table: "users",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<string>(
                name: "name",
                table: "users",
                type: "text",
                nullable: false,
                defaultValue: "");
        }
    }
}
