using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SampleAnalyzerBaseline.Migrations
{
    /// <inheritdoc />
    public partial class DropLegacyCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LegacyCode",
                table: "Customers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LegacyCode",
                table: "Customers",
                type: "text",
                nullable: true);
        }
    }
}
