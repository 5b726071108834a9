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
            migrationBuilder.AddColumn<string>(
                name: "email_address",
                table: "users",
                type: "text",
                nullable: true);

            // Renaming email to email_address without breaking the running version, step 1 of 2 (expand).
            // RENAME COLUMN would break every running instance at once; instead the new column is added and
            // the release that ships this migration dual-writes: the app sets both email and email_address on every
            // insert and update, while the rows written before are copied here in batches (migrationBuilder.Backfill).
            migrationBuilder.Backfill("users", set: "email_address = email", where: "email_address IS NULL", batchSize: 1_000);

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

            migrationBuilder.DropColumn(
                name: "email_address",
                table: "users");
        }
    }
}
