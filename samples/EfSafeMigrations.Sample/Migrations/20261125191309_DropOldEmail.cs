using EfSafeMigrations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfSafeMigrations.Sample.Migrations
{
    /// <inheritdoc />
    [SafetyAssured("ESM0018", Reason = "email is unused since the AddEmailAddress release: every running version reads and writes email_address")]
    public partial class DropOldEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Step 2 of 2 (contract), shipped once no running version reads email any more: the app reads and
            // writes email_address only. The old column and its index go; the data lives on in email_address.
            migrationBuilder.DropIndex(
                name: "ix_users_email",
                table: "users");

            migrationBuilder.DropColumn(
                name: "email",
                table: "users");

            migrationBuilder.AlterColumn<string>(
                name: "email_address",
                table: "users",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
            // No defaultValue: "" (EF's scaffold had one): every row has email_address since AddEmailAddress.
            // EfSafeMigrations runs this SET NOT NULL as CHECK ... NOT VALID, VALIDATE, SET NOT NULL, so the
            // table is never locked for the length of a full scan.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "email_address",
                table: "users",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "users",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_users_email",
                table: "users",
                column: "email",
                unique: true);
        }
    }
}
