using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SampleDeploy.Migrations
{
    /// <inheritdoc />
    [DbContext(typeof(DeployDbContext))]
    [Migration("20260101000002_IndexOrdersByCustomer")]
    public partial class IndexOrdersByCustomer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_orders_customer",
                table: "orders",
                column: "customer");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_customer",
                table: "orders");
        }
    }
}
