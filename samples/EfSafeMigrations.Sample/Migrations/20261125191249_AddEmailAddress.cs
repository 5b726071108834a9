using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfSafeMigrations.Sample.Migrations
{
    /// <inheritdoc />
    public partial class AddEmailAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Renaming email to email_address without breaking the running version, step 1 of 2 (expand).
            // RENAME COLUMN would break every running instance at once; instead email_address is added beside email,
            // a trigger keeps the two written in both directions (the old version writes email, this release writes
            // email_address) and the rows written before are copied in batches. Runs at start-up with the release.
            migrationBuilder.ExpandRenameColumn(
                table: "users",
                name: "email",
                newName: "email_address",
                type: "text",
                nullable: false);

            // Built with CREATE UNIQUE INDEX CONCURRENTLY by EfSafeMigrations: writes go on during the build.
            migrationBuilder.CreateIndex(
                name: "ix_users_email_address",
                table: "users",
                column: "email_address",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_email_address",
                table: "users");

            // Rolling the release back before the contract: the trigger and email_address go; email was kept
            // written all along, so nothing either version wrote is lost.
            migrationBuilder.UndoExpandRenameColumn(
                table: "users",
                name: "email",
                newName: "email_address",
                type: "text",
                nullable: false);
        }
    }
}
