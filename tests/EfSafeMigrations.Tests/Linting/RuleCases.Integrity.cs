using Microsoft.EntityFrameworkCore.Migrations;
using static EfSafeMigrations.Tests.Linting.RuleCase;

namespace EfSafeMigrations.Tests.Linting;

/// <summary>ESM0044-ESM0052: constraints and keys, enum and domain changes, one-way migrations, integer columns.</summary>
public static partial class RuleCases
{
    private static IEnumerable<RuleCase> Integrity()
    {
        yield return FiresOnSql("ESM0044", "ALTER TABLE bookings ADD CONSTRAINT ex_room EXCLUDE USING gist (room_id WITH =, during WITH &&);");
        yield return FiresOnSql("ESM0044", "ALTER TABLE bookings ADD EXCLUDE (room_id WITH =);");
        yield return SilentOnSql("ESM0044", "CREATE TABLE bookings (room_id bigint, during tstzrange, EXCLUDE USING gist (room_id WITH =, during WITH &&));");
        yield return SilentOnSql("ESM0044", "CREATE TABLE bookings (room_id bigint); ALTER TABLE bookings ADD CONSTRAINT ex_room EXCLUDE (room_id WITH =);");

        yield return FiresOnSql("ESM0045", "ALTER TYPE order_status RENAME VALUE 'shipped' TO 'dispatched';");
        yield return SilentOnSql("ESM0045", "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'dispatched';", suppressTransaction: true);
        yield return SilentOnSql("ESM0045", "CREATE TYPE mood AS ENUM ('sad', 'ok'); ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';");

        yield return Fires("ESM0046", "unique index on an existing table", b => b.CreateIndex("IX_Users_Email", "Users", "Email", unique: true));
        yield return Fires("ESM0046", "concurrent unique index on an existing table", b =>
            b.CreateIndex("IX_Users_Email", "Users", "Email", unique: true).Annotation(SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently, true));
        yield return Silent("ESM0046", "unique constraint operation (ESM0013 carries its duplicates risk)", b => b.AddUniqueConstraint("AK_Users_Email", "Users", "Email"));
        yield return FiresOnSql("ESM0046", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);", suppressTransaction: true);
        yield return FiresOnSql("ESM0046", "ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);");
        yield return Silent("ESM0046", "non-unique index", b => b.CreateIndex("IX_Users_Email", "Users", "Email"));
        yield return Silent("ESM0046", "unique index on a table created in the same migration", b => { CreateUsers(b); b.CreateIndex("IX_Users_Email", "Users", "Email", unique: true); });
        yield return SilentOnSql("ESM0046", "ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX ix_users_email;");

        yield return Fires("ESM0048", "foreign key dropped", b => b.DropForeignKey("FK_Orders_Users_UserId", "Orders"));
        yield return FiresOnSql("ESM0048", "ALTER TABLE orders DROP CONSTRAINT fk_orders_users;");
        yield return FiresOnSql("ESM0048", "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_id_fkey;");
        yield return Silent("ESM0048", "foreign key re-created under another name (EF's rename)", b =>
        {
            b.DropForeignKey("FK_Orders_Users_UserId", "Orders");
            b.AddForeignKey("FK_Orders_Customers_UserId", "Orders", "UserId", "Customers", principalColumn: "Id");
        });
        yield return Silent("ESM0048", "foreign key dropped with its table", b =>
        {
            b.DropForeignKey("FK_Orders_Users_UserId", "Orders");
            b.DropTable("Orders");
        });
        yield return SilentOnSql("ESM0048", "ALTER TABLE orders DROP CONSTRAINT fk_orders_users; ALTER TABLE orders ADD CONSTRAINT fk_orders_users FOREIGN KEY (user_id) REFERENCES customers (id) NOT VALID;");
        yield return SilentOnSql("ESM0048", "ALTER TABLE orders DROP CONSTRAINT ck_total;");
        yield return Silent("ESM0048", "dropped in SQL, added back by a later AddForeignKey", b =>
        {
            b.Sql("ALTER TABLE orders DROP CONSTRAINT fk_orders_users;");
            b.AddForeignKey("fk_orders_users", "orders", "user_id", "customers", principalColumn: "id");
        });
        yield return Silent("ESM0048", "dropped in SQL, added back by a later SQL step (as push recreates a key)", b =>
        {
            b.Sql("ALTER TABLE orders DROP CONSTRAINT \"FK_orders_users\";");
            b.Sql("ALTER TABLE orders ADD CONSTRAINT \"FK_orders_users\" FOREIGN KEY (user_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;");
        });

        yield return FiresOnSql("ESM0049", "ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');");
        yield return FiresOnSql("ESM0049", "ALTER DOMAIN email SET NOT NULL;");
        yield return SilentOnSql("ESM0049", "ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') NOT VALID;");
        yield return SilentOnSql("ESM0049", "CREATE DOMAIN email AS text; ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');");
        yield return FiresOnSql("ESM0006", "ALTER DOMAIN email ADD CONSTRAINT c CHECK (VALUE <> '') NOT VALID; ALTER DOMAIN email VALIDATE CONSTRAINT c;");

        yield return Fires("ESM0050", "DDL applied by plain EF", b => b.Sql("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);"), plainEf: true, executorSetsLockTimeout: false);
        yield return Silent("ESM0050", "DDL after SET LOCAL statement_timeout, applied by plain EF",
            b => b.Sql("SET LOCAL statement_timeout = '15min'; ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);"), plainEf: true, executorSetsLockTimeout: false);
        yield return Silent("ESM0050", "DDL applied by MigrateSafelyAsync", b => b.Sql("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);"));
        yield return Silent("ESM0050", "no DDL, applied by plain EF", b => b.Sql("INSERT INTO countries (code) VALUES ('NL');"), plainEf: true, executorSetsLockTimeout: false);

        yield return Fires("ESM0051", "column dropped, empty Down", b => b.DropColumn("LegacyCode", "Users"), down: _ => { });
        yield return Fires("ESM0051", "table dropped in SQL, empty Down", b => b.Sql("DROP TABLE sessions;"), down: _ => { });
        yield return Silent("ESM0051", "table truncated, empty Down (no Down restores rows: ESM0031)", b => b.Sql("TRUNCATE sessions;"), down: _ => { });
        yield return Silent("ESM0051", "column dropped, Down adds it back", b => b.DropColumn("LegacyCode", "Users"),
            down: b => b.AddColumn<string>("LegacyCode", "Users", type: "text", nullable: true));
        yield return Silent("ESM0051", "nothing lost, empty Down", b => b.AddColumn<string>("Note", "Users", type: "text", nullable: true), down: _ => { });
        yield return Silent("ESM0051", "table created and dropped, empty Down", b => { CreateUsers(b); b.DropTable("Users"); }, down: _ => { });

        yield return Fires("ESM0052", "integer column added", b => b.AddColumn<int>("ExternalId", "Orders", type: "integer", nullable: true));
        yield return FiresOnSql("ESM0052", "CREATE TABLE orders (id bigint PRIMARY KEY, quantity integer NOT NULL);");
        yield return Silent("ESM0052", "bigint column added", b => b.AddColumn<long>("ExternalId", "Orders", type: "bigint", nullable: true));
        yield return Silent("ESM0052", "int primary key (ESM0023's)", b => b.CreateTable("Orders", t => new { Id = t.Column<int>(type: "integer", nullable: false) },
            constraints: t => t.PrimaryKey("PK_Orders", x => x.Id)));
        yield return Silent("ESM0052", "composite int key of a join table", b => b.CreateTable("UserRoles",
            t => new { UserId = t.Column<int>(type: "integer", nullable: false), RoleId = t.Column<int>(type: "integer", nullable: false) },
            constraints: t => t.PrimaryKey("PK_UserRoles", x => new { x.UserId, x.RoleId })));
        yield return SilentOnSql("ESM0052", "CREATE TABLE user_roles (user_id integer, role_id integer, PRIMARY KEY (user_id, role_id));");
    }

    /// <summary>ESM0047: statements of non-transactional steps that fail when the step is repeated.</summary>
    private static IEnumerable<RuleCase> Repeatability()
    {
        yield return FiresOnSql("ESM0047", "ALTER TABLE orders ADD COLUMN note text;", suppressTransaction: true);
        yield return Fires("ESM0047", "concurrent index build without IF NOT EXISTS, applied by plain EF",
            b => b.Sql("CREATE INDEX CONCURRENTLY ix_orders_note ON orders (note);", suppressTransaction: true), plainEf: true, executorSetsLockTimeout: false);
        yield return SilentOnSql("ESM0047", "CREATE INDEX CONCURRENTLY ix_orders_note ON orders (note);", suppressTransaction: true); // MigrateSafelyAsync resumes it
        yield return FiresOnSql("ESM0047", "DROP INDEX CONCURRENTLY ix_orders_note;", suppressTransaction: true);
        yield return FiresOnSql("ESM0047", "CREATE TABLE audit (id bigint);", suppressTransaction: true);
        yield return FiresOnSql("ESM0047", "ALTER TYPE mood ADD VALUE 'curious';", suppressTransaction: true);
        yield return FiresOnSql("ESM0047", "ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;", suppressTransaction: true);
        yield return FiresOnSql("ESM0047", "ALTER TABLE orders RENAME COLUMN note TO remark;", suppressTransaction: true);
        yield return SilentOnSql("ESM0047", "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;", suppressTransaction: true);
        yield return SilentOnSql("ESM0047", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_note ON orders (note);", suppressTransaction: true);
        yield return SilentOnSql("ESM0047", "DROP INDEX CONCURRENTLY IF EXISTS ix_orders_note;", suppressTransaction: true);
        yield return SilentOnSql("ESM0047", "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'curious';", suppressTransaction: true);
        yield return SilentOnSql("ESM0047", "ALTER TABLE orders VALIDATE CONSTRAINT ck_total;", suppressTransaction: true);
        yield return SilentOnSql("ESM0047", "CREATE OR REPLACE VIEW v AS SELECT 1;", suppressTransaction: true);
        yield return SilentOnSql("ESM0047", "ALTER TABLE orders ADD COLUMN note text;");
        yield return Silent("ESM0047", "concurrent index next to other steps (ESM0038 says it)", b =>
        {
            b.AddColumn<string>("Country", "Users", type: "text", nullable: true);
            b.Sql("CREATE INDEX CONCURRENTLY ix_users_country ON \"Users\" (\"Country\");", suppressTransaction: true);
        });
        yield return Fires("ESM0047", "ADD COLUMN in a suppressed step next to other steps", b =>
        {
            b.AddColumn<string>("Country", "Users", type: "text", nullable: true);
            b.Sql("ALTER TABLE \"Users\" ADD COLUMN \"Region\" text;", suppressTransaction: true);
        });
    }
}
