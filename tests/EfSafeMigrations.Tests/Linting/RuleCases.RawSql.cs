using Microsoft.EntityFrameworkCore.Migrations;
using static EfSafeMigrations.Tests.Linting.RuleCase;

namespace EfSafeMigrations.Tests.Linting;

/// <summary>Raw SQL examples: the same rules, reached through migrationBuilder.Sql(...).</summary>
public static partial class RuleCases
{
    private static IEnumerable<RuleCase> RawSql()
    {
        yield return FiresOnSql("ESM0001", "CREATE INDEX ix_users_email ON users (email);");
        yield return FiresOnSql("ESM0001", "create unique index if not exists ix ON public.\"Users\" USING btree (\"Email\")");
        yield return SilentOnSql("ESM0001", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);", suppressTransaction: true);
        yield return SilentOnSql("ESM0001", "-- CREATE INDEX ix ON users (email);\nSELECT 1;");
        yield return SilentOnSql("ESM0001", "/* outer /* nested */ CREATE INDEX ix ON users (email); */ SELECT 1;");
        yield return SilentOnSql("ESM0001", "SELECT 'CREATE INDEX ix ON users (email)', E'it\\'s; CREATE INDEX x ON t (c)';");
        yield return SilentOnSql("ESM0001", "CREATE FUNCTION f() RETURNS void AS $body$ CREATE INDEX ix ON users (email); $body$ LANGUAGE sql;");
        yield return SilentOnSql("ESM0001", "CREATE TABLE audit (id bigint, at timestamptz); CREATE INDEX ix_audit_at ON audit (at);");
        yield return FiresOnSql("ESM0002", "DROP INDEX ix_users_email;");
        yield return SilentOnSql("ESM0002", "DROP INDEX CONCURRENTLY IF EXISTS ix_users_email;", suppressTransaction: true);
        yield return Fires("ESM0003", "lone concurrent index in the transaction, applied by plain EF", b => b.Sql("CREATE INDEX CONCURRENTLY ix ON users (email);"), plainEf: true);
        yield return FiresOnSql("ESM0003", "CREATE INDEX CONCURRENTLY ix ON users (email); ANALYZE users;");
        yield return SilentOnSql("ESM0003", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email);");
        yield return FiresOnSql("ESM0003", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email); ANALYZE users;", suppressTransaction: true);
        yield return Fires("ESM0003", "REINDEX CONCURRENTLY applied by plain EF", b => b.Sql("REINDEX INDEX CONCURRENTLY ix;"), plainEf: true);
        yield return SilentOnSql("ESM0003", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email);", suppressTransaction: true);
        yield return FiresOnSql("ESM0004", "ALTER TABLE orders ADD CONSTRAINT fk_orders_users FOREIGN KEY (user_id) REFERENCES users (id);");
        yield return FiresOnSql("ESM0004", "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);");
        yield return SilentOnSql("ESM0004", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));");
        yield return SilentOnSql("ESM0004", "ALTER TABLE orders ADD CONSTRAINT fk_orders_users FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;");
        yield return FiresOnSql("ESM0005", "ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0);");
        yield return SilentOnSql("ESM0005", "ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;");
        yield return FiresOnSql("ESM0006", "ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID; ALTER TABLE orders VALIDATE CONSTRAINT ck_total;");
        yield return Fires("ESM0006", "validated in a later step of the same transaction, applied by plain EF", b =>
        {
            b.Sql("ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;");
            b.Sql("ALTER TABLE orders VALIDATE CONSTRAINT ck_total;");
        }, plainEf: true);
        yield return Silent("ESM0006", "lone VALIDATE step, which the safe generator runs outside the transaction", b =>
        {
            b.Sql("ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;");
            b.Sql("ALTER TABLE orders VALIDATE CONSTRAINT ck_total;");
        });
        yield return Silent("ESM0006", "validated outside the transaction", b =>
        {
            b.Sql("ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;");
            b.Sql("ALTER TABLE orders VALIDATE CONSTRAINT ck_total;", suppressTransaction: true);
        });
        yield return FiresOnSql("ESM0007", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        yield return SilentOnSql("ESM0007", "ALTER TABLE users ALTER COLUMN email SET DEFAULT '';");
        yield return Silent("ESM0007", "the safe sequence of docs/rules/ESM0007.md, applied by plain EF", b =>
        {
            b.Sql("ALTER TABLE \"Users\" ADD CONSTRAINT \"CK_Users_Email_NotNull\" CHECK (\"Email\" IS NOT NULL) NOT VALID;");
            b.Sql("ALTER TABLE \"Users\" VALIDATE CONSTRAINT \"CK_Users_Email_NotNull\";", suppressTransaction: true);
            b.Sql("ALTER TABLE \"Users\" ALTER COLUMN \"Email\" SET NOT NULL;");
            b.Sql("ALTER TABLE \"Users\" DROP CONSTRAINT \"CK_Users_Email_NotNull\";");
        }, plainEf: true);
        yield return Silent("ESM0007", "the safe sequence in one step, after a valid check", b =>
            b.Sql("ALTER TABLE users ADD CONSTRAINT ck CHECK ((email IS NOT NULL)) NOT VALID; ALTER TABLE users VALIDATE CONSTRAINT ck; ALTER TABLE users ALTER COLUMN email SET NOT NULL;"));
        yield return Silent("ESM0007", "the scaffolded form the safe differ writes, applied by plain EF", b =>
        {
            b.Sql("ALTER TABLE customers ADD CONSTRAINT esm_nn_1 CHECK (email IS NOT NULL) NOT VALID;");
            b.Sql("ALTER TABLE customers VALIDATE CONSTRAINT esm_nn_1;", suppressTransaction: true);
            b.AlterColumn<string>("email", "customers", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true)
                .Annotation(SafeMigrationsAnnotationNames.NotNullCheck, "esm_nn_1");
            b.Sql("ALTER TABLE customers DROP CONSTRAINT esm_nn_1;");
        }, plainEf: true);
        yield return Silent("ESM0007", "a check constraint operation validated before AlterColumn", b =>
        {
            b.AddCheckConstraint("ck_email", "Users", "\"Email\" IS NOT NULL").Annotation(SafeMigrationsAnnotationNames.NotValid, true);
            b.Sql("ALTER TABLE \"Users\" VALIDATE CONSTRAINT ck_email;", suppressTransaction: true);
            b.AlterColumn<string>("Email", "Users", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true);
        });
        yield return Fires("ESM0007", "NOT VALID check never validated", b =>
            b.Sql("ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID; ALTER TABLE users ALTER COLUMN email SET NOT NULL;"));
        yield return Fires("ESM0007", "check dropped before SET NOT NULL", b =>
        {
            b.Sql("ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID;");
            b.Sql("ALTER TABLE users VALIDATE CONSTRAINT ck;", suppressTransaction: true);
            b.Sql("ALTER TABLE users DROP CONSTRAINT IF EXISTS ck; ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        });
        yield return Fires("ESM0007", "validated check on another column", b =>
        {
            b.Sql("ALTER TABLE users ADD CONSTRAINT ck CHECK (name IS NOT NULL) NOT VALID;");
            b.Sql("ALTER TABLE users VALIDATE CONSTRAINT ck;", suppressTransaction: true);
            b.Sql("ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        });
        yield return Fires("ESM0007", "check that proves something else than NOT NULL", b =>
        {
            b.Sql("ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL OR legacy) NOT VALID;");
            b.Sql("ALTER TABLE users VALIDATE CONSTRAINT ck;", suppressTransaction: true);
            b.Sql("ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        });
        yield return FiresOnSql("ESM0008", "ALTER TABLE users ADD COLUMN country text NOT NULL;");
        yield return SilentOnSql("ESM0008", "ALTER TABLE users ADD COLUMN country text NOT NULL DEFAULT 'NL';");
        yield return FiresOnSql("ESM0009", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid() NOT NULL;");
        yield return FiresOnSql("ESM0009", "ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT clock_timestamp();");
        yield return SilentOnSql("ESM0009", "ALTER TABLE users ADD COLUMN note text DEFAULT 'random()';");
        yield return SilentOnSql("ESM0009", "ALTER TABLE users ADD COLUMN amount numeric DEFAULT '0'::numeric(10,2);");
        yield return FiresOnSql("ESM0010", "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;", postgresVersion: 10);
        yield return SilentOnSql("ESM0010", "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;", postgresVersion: 15);
        yield return FiresOnSql("ESM0011", "ALTER TABLE users ADD COLUMN full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED;");
        yield return SilentOnSql("ESM0011", "ALTER TABLE users ADD COLUMN full_name text;");
        yield return FiresOnSql("ESM0012", "ALTER TABLE orders ADD COLUMN number bigserial;");
        yield return FiresOnSql("ESM0012", "ALTER TABLE orders ADD COLUMN number bigint GENERATED BY DEFAULT AS IDENTITY;");
        yield return SilentOnSql("ESM0012", "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        yield return FiresOnSql("ESM0013", "ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE (email);");
        yield return FiresOnSql("ESM0013", "ALTER TABLE users ADD PRIMARY KEY (id);");
        yield return SilentOnSql("ESM0013", "ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE USING INDEX ix_email;");
        yield return FiresOnSql("ESM0014", "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;");
        yield return FiresOnSql("ESM0014", "ALTER TABLE orders ALTER COLUMN quantity SET DATA TYPE numeric(12, 2) USING quantity::numeric;");
        yield return SilentOnSql("ESM0014", "ALTER TABLE orders ALTER COLUMN quantity DROP DEFAULT;");
        yield return FiresOnSql("ESM0015", "ALTER TABLE users RENAME COLUMN mail TO email;");
        yield return FiresOnSql("ESM0015", "ALTER TABLE users RENAME mail TO email;");
        yield return SilentOnSql("ESM0015", "ALTER TABLE users RENAME CONSTRAINT a TO b;");
        yield return FiresOnSql("ESM0016", "ALTER TABLE customer RENAME TO customers;");
        yield return FiresOnSql("ESM0016", "ALTER TABLE customer SET SCHEMA sales;");
        yield return SilentOnSql("ESM0016", "ALTER INDEX ix_a RENAME TO ix_b;");
        yield return FiresOnSql("ESM0017", "ALTER SCHEMA sales RENAME TO billing;");
        yield return SilentOnSql("ESM0017", "ALTER SCHEMA sales OWNER TO app;");
        yield return FiresOnSql("ESM0018", "ALTER TABLE users DROP COLUMN IF EXISTS legacy_code;");
        yield return SilentOnSql("ESM0018", "ALTER TABLE users DROP CONSTRAINT ck_legacy;");
        yield return FiresOnSql("ESM0018", "-- c\rALTER TABLE users DROP COLUMN bio;");
        yield return SilentOnSql("ESM0018", "-- c ALTER TABLE users DROP COLUMN bio;");
        yield return SilentOnSql("ESM0018", "ALTER TABLE users ADD COLUMN draft text; ALTER TABLE users DROP COLUMN draft;");
        yield return Silent("ESM0018", "column added by an operation earlier in the migration", b =>
        {
            b.AddColumn<string>("Draft", "Users", type: "text", nullable: true);
            b.DropColumn("Draft", "Users");
        });
        yield return FiresOnSql("ESM0018", "ALTER TABLE users ADD COLUMN draft text; ALTER TABLE users DROP COLUMN bio;");
        yield return SilentOnSql("ESM0015", "ALTER TABLE users ADD COLUMN draft text; ALTER TABLE users RENAME COLUMN draft TO note;");
        yield return FiresOnSql("ESM0019", "DROP TABLE IF EXISTS audit_log, audit_log_2 CASCADE;");
        yield return SilentOnSql("ESM0019", "DROP VIEW audit_view;");
        yield return FiresOnSql("ESM0020", "DROP SCHEMA reporting CASCADE;");
        yield return SilentOnSql("ESM0020", "CREATE SCHEMA IF NOT EXISTS reporting;");
        yield return SilentOnSql("ESM0020", "CREATE SCHEMA staging; DROP SCHEMA staging;");
        yield return FiresOnSql("ESM0020", "CREATE SCHEMA IF NOT EXISTS staging; DROP SCHEMA staging;");
        yield return FiresOnSql("ESM0021", "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;");
        yield return SilentOnSql("ESM0021", "ALTER TABLE users ALTER COLUMN email DROP DEFAULT;");
        yield return FiresOnSql("ESM0022", "CREATE TABLE events (id bigint PRIMARY KEY, payload json);");
        yield return SilentOnSql("ESM0022", "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);");
        yield return FiresOnSql("ESM0023", "CREATE TABLE events (id integer PRIMARY KEY);");
        yield return FiresOnSql("ESM0023", "CREATE TABLE events (id int4 NOT NULL, at timestamptz, CONSTRAINT events_pkey PRIMARY KEY (id));");
        yield return SilentOnSql("ESM0023", "CREATE TABLE events (id bigint NOT NULL, n int4, CONSTRAINT events_pkey PRIMARY KEY (id));");
        yield return SilentOnSql("ESM0023", "CREATE TABLE events (id bigint PRIMARY KEY, count integer);");
        yield return FiresOnSql("ESM0024", "CREATE TABLE events (id bigserial PRIMARY KEY);");
        yield return SilentOnSql("ESM0024", "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        yield return FiresOnSql("ESM0025", "ALTER TABLE users ADD COLUMN seen_at timestamp;");
        yield return FiresOnSql("ESM0025", "ALTER TABLE users ADD COLUMN seen_at timestamp(3) without time zone;");
        yield return SilentOnSql("ESM0025", "ALTER TABLE users ADD COLUMN seen_at timestamptz;");
        yield return FiresOnSql("ESM0026", "ALTER TABLE users ADD COLUMN code char(2);");
        yield return SilentOnSql("ESM0026", "ALTER TABLE users ADD COLUMN code text;");
        yield return FiresOnSql("ESM0027", "ALTER TABLE users ADD COLUMN name varchar(100);");
        yield return SilentOnSql("ESM0027", "ALTER TABLE users ADD COLUMN name varchar;");
        yield return FiresOnSql("ESM0028", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON orders (a, b, lower(c), d);", suppressTransaction: true);
        yield return SilentOnSql("ESM0028", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON orders (a, coalesce(b, c, d));", suppressTransaction: true);
        yield return FiresOnSql("ESM0029", $"CREATE TABLE \"{new string('t', 64)}\" (id bigint PRIMARY KEY);");
        yield return SilentOnSql("ESM0029", $"SELECT * FROM \"{new string('t', 64)}\";");
        yield return FiresOnSql("ESM0030", "UPDATE users SET country = 'NL' WHERE country IS NULL;");
        yield return FiresOnSql("ESM0030", "DELETE FROM sessions WHERE expires_at < now();");
        yield return FiresOnSql("ESM0030", "WITH old AS (SELECT id FROM sessions) DELETE FROM sessions USING old WHERE sessions.id = old.id;");
        yield return SilentOnSql("ESM0030", "INSERT INTO countries (code) VALUES ('NL');");
        yield return FiresOnSql("ESM0030", "EXPLAIN ANALYZE UPDATE users SET country = 'NL';");
        yield return FiresOnSql("ESM0030", "EXPLAIN (ANALYZE, BUFFERS) DELETE FROM sessions;");
        yield return SilentOnSql("ESM0030", "EXPLAIN UPDATE users SET country = 'NL';");
        yield return SilentOnSql("ESM0030", "EXPLAIN (ANALYZE false) UPDATE users SET country = 'NL';");
        yield return SilentOnSql("ESM0030", "CREATE TABLE audit (id bigint); UPDATE audit SET id = 1;");
        yield return FiresOnSql("ESM0031", "TRUNCATE sessions;");
        yield return SilentOnSql("ESM0031", "SELECT 'TRUNCATE sessions';");
        yield return FiresOnSql("ESM0032", "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;");
        yield return SilentOnSql("ESM0032", "SELECT pg_advisory_xact_lock(42);");
        yield return FiresOnSql("ESM0033", "VACUUM FULL orders;", suppressTransaction: true);
        yield return FiresOnSql("ESM0033", "VACUUM (FULL, ANALYZE) orders;", suppressTransaction: true);
        yield return SilentOnSql("ESM0033", "VACUUM (ANALYZE) orders;", suppressTransaction: true);
        yield return SilentOnSql("ESM0033", "VACUUM (FULL FALSE, ANALYZE) orders;", suppressTransaction: true);
        yield return FiresOnSql("ESM0033", "VACUUM (FULL true) orders;", suppressTransaction: true);
        yield return FiresOnSql("ESM0033", "ALTER TABLE orders SET LOGGED;");
        yield return FiresOnSql("ESM0033", "ALTER TABLE orders SET UNLOGGED;");
        yield return SilentOnSql("ESM0033", "CREATE UNLOGGED TABLE staging (id bigint); ALTER TABLE staging SET LOGGED;");
        yield return FiresOnSql("ESM0034", "CLUSTER orders USING ix_orders_created_at;");
        yield return FiresOnSql("ESM0033", "REPACK orders;", suppressTransaction: true, postgresVersion: 19);
        yield return SilentOnSql("ESM0033", "REPACK (CONCURRENTLY) orders;", suppressTransaction: true, postgresVersion: 19);
        yield return FiresOnSql("ESM0034", "REPACK orders USING INDEX ix_orders_created_at;", suppressTransaction: true, postgresVersion: 19);
        yield return SilentOnSql("ESM0034", "COMMENT ON TABLE orders IS 'CLUSTER orders';");
        yield return FiresOnSql("ESM0035", "REINDEX TABLE orders;");
        yield return SilentOnSql("ESM0035", "REINDEX TABLE CONCURRENTLY orders;", suppressTransaction: true);
        yield return FiresOnSql("ESM0035", "REINDEX (CONCURRENTLY false) TABLE orders;", suppressTransaction: true);
        yield return SilentOnSql("ESM0035", "REINDEX (VERBOSE, CONCURRENTLY) TABLE orders;", suppressTransaction: true);
        yield return SilentOnSql("ESM0035", "REINDEX SYSTEM;", suppressTransaction: true);
        yield return FiresOnSql("ESM0035", "REINDEX DATABASE;", suppressTransaction: true);
        yield return Fires("ESM0003", "REINDEX (CONCURRENTLY) applied by plain EF", b => b.Sql("REINDEX (CONCURRENTLY) INDEX ix;"), plainEf: true);
        yield return FiresOnSql("ESM0003", "REINDEX (CONCURRENTLY true) INDEX ix; ANALYZE users;", suppressTransaction: true);
        yield return Fires("ESM0038", "concurrent index without IF NOT EXISTS next to other steps", b =>
        {
            b.AddColumn<string>("Country", "Users", type: "text", nullable: true);
            b.Sql("CREATE INDEX CONCURRENTLY ix_users_country ON \"Users\" (\"Country\");", suppressTransaction: true);
        });
        yield return Silent("ESM0038", "idempotent concurrent index next to other steps", b =>
        {
            b.AddColumn<string>("Country", "Users", type: "text", nullable: true);
            b.Sql("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_country ON \"Users\" (\"Country\");", suppressTransaction: true);
        });
        yield return SilentOnSql("ESM0038", "CREATE INDEX CONCURRENTLY ix_users_country ON users (country);", suppressTransaction: true);
        yield return FiresOnSql("ESM0039", "SET lock_timeout = 0; ALTER TABLE orders ADD COLUMN note text;");
        yield return Silent("ESM0039", "lock_timeout set with set_config, applied by plain EF",
            b => b.Sql("SELECT set_config('lock_timeout', '2s', true); ALTER TABLE orders ADD COLUMN note text;"), executorSetsLockTimeout: false);
        yield return Fires("ESM0039", "set_config of another setting, applied by plain EF",
            b => b.Sql("SELECT set_config('app.lock_timeout', '2s', true); ALTER TABLE orders ADD COLUMN note text;"), executorSetsLockTimeout: false);
        yield return FiresOnSql("ESM0005", "ALTER TABLE wallets ADD COLUMN limit_cents bigint CHECK (limit_cents > 0);");
        yield return FiresOnSql("ESM0030", "MERGE INTO accounts a USING staged s ON a.id = s.id WHEN MATCHED THEN UPDATE SET tier = s.tier;");
        yield return SilentOnSql("ESM0031", "CREATE TABLE import_rows (id bigint); TRUNCATE TABLE ONLY import_rows;");
        yield return FiresOnSql("ESM0031", "CREATE TABLE import_rows (id bigint); TRUNCATE import_rows, audit_events;");
        yield return Fires("ESM0007", "a valid NOT NULL check spares no scan before PostgreSQL 12", b =>
        {
            b.Sql("ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID;");
            b.Sql("ALTER TABLE users VALIDATE CONSTRAINT ck;", suppressTransaction: true);
            b.Sql("ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        }, postgresVersion: 11);
        yield return SilentOnSql("ESM0014", "ALTER TABLE recipes ADD COLUMN summary varchar(100); ALTER TABLE recipes ALTER COLUMN summary TYPE varchar(200);");
        yield return FiresOnSql("ESM0014", "ALTER TABLE recipes ADD COLUMN servings numeric(10,2); ALTER TABLE recipes ALTER COLUMN servings TYPE bigint;");
        yield return FiresOnSql("ESM0025", "ALTER TABLE sessions ALTER COLUMN started_at TYPE timestamp;");
        yield return Silent("ESM0027", "a varchar(n) limit widened", b => b.AlterColumn<string>("Country", "Users", type: "character varying(64)", oldClrType: typeof(string), oldType: "character varying(20)"));
        yield return Fires("ESM0027", "text changed to varchar(n)", b => b.AlterColumn<string>("Bio", "Users", type: "character varying(20)", oldClrType: typeof(string), oldType: "text"));
        yield return FiresOnSql("ESM0039", "RESET statement_timeout;");
        yield return Fires("ESM0039", "DDL where nothing sets lock_timeout", b => b.Sql("ALTER TABLE orders ADD COLUMN note text;"), executorSetsLockTimeout: false);
        yield return Silent("ESM0039", "DDL after SET LOCAL lock_timeout", b => b.Sql("SET LOCAL lock_timeout = '5s'; ALTER TABLE orders ADD COLUMN note text;"), executorSetsLockTimeout: false);
        yield return SilentOnSql("ESM0039", "ALTER TABLE orders ADD COLUMN note text;");
        yield return SilentOnSql("ESM0039", "SET lock_timeout TO '2s';");
        yield return FiresOnSql("ESM0040", "COMMIT; CREATE INDEX CONCURRENTLY ix ON t (c); BEGIN;");
        yield return FiresOnSql("ESM0040", "START TRANSACTION;");
        yield return SilentOnSql("ESM0040", "DO $$ BEGIN PERFORM 1; END $$;");
        yield return SilentOnSql("ESM0040", "CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; SELECT one();");
        yield return SilentOnSql("ESM0040", "SAVEPOINT a; ROLLBACK TO SAVEPOINT a;");
        yield return FiresOnSql("ESM0041", "DROP DATABASE legacy;", suppressTransaction: true);
        yield return SilentOnSql("ESM0041", "SELECT 'DROP DATABASE legacy';");
        yield return FiresOnSql("ESM0042", "ALTER TYPE mood ADD VALUE 'curious';", postgresVersion: 11);
        yield return FiresOnSql("ESM0043", "ALTER TABLE orders DETACH PARTITION orders_2024;");
        yield return FiresOnSql("ESM0043", "ALTER TABLE IF EXISTS ONLY public.orders DETACH PARTITION public.\"Orders2024\";");
        yield return SilentOnSql("ESM0043", "ALTER TABLE orders DETACH PARTITION orders_2024 CONCURRENTLY;", suppressTransaction: true);
        yield return SilentOnSql("ESM0043", "ALTER TABLE orders DETACH PARTITION orders_2024 FINALIZE;");
        yield return SilentOnSql("ESM0043", "CREATE TABLE orders (id bigint, d date) PARTITION BY RANGE (d); ALTER TABLE orders DETACH PARTITION orders_2024;");
        yield return SilentOnSql("ESM0042", "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'curious';", suppressTransaction: true, postgresVersion: 11);
    }
}
