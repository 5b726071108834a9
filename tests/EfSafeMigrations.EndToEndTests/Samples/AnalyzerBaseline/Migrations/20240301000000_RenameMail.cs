using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SampleAnalyzerBaseline.Migrations
{
    /// <inheritdoc />
    public partial class RenameMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Mail",
                table: "Customers",
                newName: "Email");

            migrationBuilder.DropColumn(
                name: "Payload",
                table: "Customers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Email",
                table: "Customers",
                newName: "Mail");

            migrationBuilder.AddColumn<string>(
                name: "Payload",
                table: "Customers",
                type: "json",
                nullable: true);
        }
    }
}
