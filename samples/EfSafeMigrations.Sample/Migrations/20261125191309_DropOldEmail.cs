using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfSafeMigrations.Sample.Migrations
{
    /// <inheritdoc />
    public partial class DropOldEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Step 2 of 2 (contract), with the same arguments as the expand. A contract makes this a post-deployment
            // migration: start-up leaves it waiting, and 'migrate --post-deployment' runs it once the rollout has
            // finished and no running version writes email. It drops the trigger and email (with its index; the data
            // lives on in email_address) and makes email_address NOT NULL without a long lock (CHECK ... NOT VALID,
            // VALIDATE, SET NOT NULL).
            migrationBuilder.ContractRenameColumn(
                table: "users",
                name: "email",
                newName: "email_address",
                type: "text",
                nullable: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Empty: the contract is the point of no return (email and its data are gone). Before it, the expand's
            // Down (UndoExpandRenameColumn) is the way back.
        }
    }
}
