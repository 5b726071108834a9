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
            // Backfill the rows written before, in batches of 1,000 rows, each committed on its own: row locks
            // are held for one batch only, and a crash resumes where it stopped (first_name IS NULL). COMMIT
            // inside DO needs autocommit, hence suppressTransaction.
            migrationBuilder.Sql(
                """
                DO $$
                DECLARE
                    updated integer;
                BEGIN
                    LOOP
                        UPDATE users
                        SET first_name = split_part(name, ' ', 1),
                            last_name = NULLIF(substr(name, length(split_part(name, ' ', 1)) + 2), '')
                        WHERE id IN (SELECT id FROM users WHERE first_name IS NULL LIMIT 1000);
                        GET DIAGNOSTICS updated = ROW_COUNT;
                        EXIT WHEN updated = 0;
                        COMMIT;
                    END LOOP;
                END
                $$;
                """,
                suppressTransaction: true);
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
