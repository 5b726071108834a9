namespace EfSafeMigrations.Analyzers.Tests.Rules;

/// <summary>Test material for every rule the analyzer implements.</summary>
public static class RuleCases
{
    private const string Todo = "TODO: say why this is safe (for example: unused since version X, backed up in Y)";

    public static IEnumerable<RuleCase> All()
    {
        yield return new RuleCase("ESM0001",
            """{|ESM0001:migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email")|};""",
            """migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email").Annotation("Npgsql:CreatedConcurrently", true);""",
            Fixed: """migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email").Annotation("Npgsql:CreatedConcurrently", true);""");
        yield return new RuleCase("ESM0002",
            """{|ESM0002:migrationBuilder.DropIndex(name: "IX_Users_Email", table: "Users")|};""",
            """migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS \"IX_Users_Email\";", suppressTransaction: true);""");
        yield return new RuleCase("ESM0004",
            """{|ESM0004:migrationBuilder.AddForeignKey(name: "FK_Orders_Users_UserId", table: "Orders", column: "UserId", principalTable: "Users", principalColumn: "Id")|};""",
            """
            migrationBuilder.AddForeignKey(name: "FK_Orders_Users_UserId", table: "Orders", column: "UserId", principalTable: "Users", principalColumn: "Id").Annotation("EfSafeMigrations:NotValid", true);
            migrationBuilder.Sql("ALTER TABLE \"Orders\" VALIDATE CONSTRAINT \"FK_Orders_Users_UserId\";", suppressTransaction: true);
            """,
            Fixed: """
            migrationBuilder.AddForeignKey(name: "FK_Orders_Users_UserId", table: "Orders", column: "UserId", principalTable: "Users", principalColumn: "Id").Annotation("EfSafeMigrations:NotValid", true);
            migrationBuilder.Sql("ALTER TABLE \"Orders\" VALIDATE CONSTRAINT \"FK_Orders_Users_UserId\";", suppressTransaction: true);
            """);
        yield return new RuleCase("ESM0005",
            """{|ESM0005:migrationBuilder.AddCheckConstraint(name: "CK_Orders_Total", table: "Orders", sql: "\"Total\" >= 0", schema: "sales")|};""",
            """
            migrationBuilder.AddCheckConstraint(name: "CK_Orders_Total", table: "Orders", sql: "\"Total\" >= 0", schema: "sales").Annotation("EfSafeMigrations:NotValid", true);
            migrationBuilder.Sql("ALTER TABLE \"sales\".\"Orders\" VALIDATE CONSTRAINT \"CK_Orders_Total\";", suppressTransaction: true);
            """,
            Fixed: """
            migrationBuilder.AddCheckConstraint(name: "CK_Orders_Total", table: "Orders", sql: "\"Total\" >= 0", schema: "sales").Annotation("EfSafeMigrations:NotValid", true);
            migrationBuilder.Sql("ALTER TABLE \"sales\".\"Orders\" VALIDATE CONSTRAINT \"CK_Orders_Total\";", suppressTransaction: true);
            """);
        yield return new RuleCase("ESM0007",
            """{|ESM0007:migrationBuilder.AlterColumn<string>(name: "Email", table: "Users", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true)|};""",
            """migrationBuilder.AlterColumn<string>(name: "Email", table: "Users", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true);""",
            SafeAttributes: """[SafetyAssured("ESM0007", Reason = "Users has 40 rows")]""");
        yield return new RuleCase("ESM0008",
            """{|ESM0008:migrationBuilder.AddColumn<string>(name: "Country", table: "Users", type: "text", nullable: false)|};""",
            """migrationBuilder.AddColumn<string>(name: "Country", table: "Users", type: "text", nullable: false, defaultValue: "NL");""");
        yield return new RuleCase("ESM0009",
            """{|ESM0009:migrationBuilder.AddColumn<Guid>(name: "PublicId", table: "Users", type: "uuid", nullable: true, defaultValueSql: "gen_random_uuid()")|};""",
            """migrationBuilder.AddColumn<DateTime>(name: "SeenAt", table: "Users", type: "timestamp with time zone", nullable: true, defaultValueSql: "now()");""");
        yield return new RuleCase("ESM0011",
            """{|ESM0011:migrationBuilder.AddColumn<string>(name: "FullName", table: "Users", type: "text", nullable: true, computedColumnSql: "\"First\" || ' ' || \"Last\"", stored: true)|};""",
            """migrationBuilder.AddColumn<string>(name: "FullName", table: "Users", type: "text", nullable: true, computedColumnSql: "\"First\" || ' ' || \"Last\"", stored: false);""");
        yield return new RuleCase("ESM0012",
            """{|ESM0012:migrationBuilder.AddColumn<long>(name: "Number", table: "Orders", type: "bigint", nullable: false)|}.Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);""",
            """migrationBuilder.AddColumn<long>(name: "Number", table: "Orders", type: "bigint", nullable: true);""");
        yield return new RuleCase("ESM0013",
            """{|ESM0013:migrationBuilder.AddUniqueConstraint(name: "AK_Users_Email", table: "Users", column: "Email")|};""",
            // ESM0046: the safe form still fails on duplicate emails (a suggestion: the data preflight checks them).
            """{|ESM0046:migrationBuilder.CreateIndex(name: "AK_Users_Email", table: "Users", column: "Email", unique: true)|}.Annotation("Npgsql:CreatedConcurrently", true);""");
        yield return new RuleCase("ESM0014",
            """{|ESM0014:migrationBuilder.AlterColumn<long>(name: "Quantity", table: "Orders", type: "bigint", nullable: false, oldClrType: typeof(int), oldType: "integer")|};""",
            """migrationBuilder.AlterColumn<string>(name: "Name", table: "Users", type: "text", nullable: true, oldClrType: typeof(string), oldType: "character varying(100)", oldNullable: true);""");
        foreach (var assured in AssuredCases())
        {
            yield return assured;
        }

        foreach (var sql in RawSqlCases())
        {
            yield return sql;
        }

        yield return new RuleCase("ESM0022",
            """{|ESM0022:migrationBuilder.AddColumn<string>(name: "Settings", table: "Users", type: "json", nullable: true)|};""",
            """migrationBuilder.AddColumn<string>(name: "Settings", table: "Users", type: "jsonb", nullable: true);""");
        yield return new RuleCase("ESM0023",
            """migrationBuilder.CreateTable(name: "Orders", columns: table => new { Id = {|ESM0023:table.Column<int>(type: "integer", nullable: false)|} }, constraints: table => { table.PrimaryKey("PK_Orders", x => x.Id); });""",
            """migrationBuilder.CreateTable(name: "Orders", columns: table => new { Id = table.Column<long>(type: "bigint", nullable: false) }, constraints: table => { table.PrimaryKey("PK_Orders", x => x.Id); });""");
        yield return new RuleCase("ESM0024",
            """migrationBuilder.CreateTable(name: "Tickets", columns: table => new { Id = {|ESM0024:table.Column<long>(type: "bigint", nullable: false)|}.Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.SerialColumn) });""",
            """migrationBuilder.CreateTable(name: "Tickets", columns: table => new { Id = table.Column<long>(type: "bigint", nullable: false).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn) });""");
        yield return new RuleCase("ESM0025",
            """{|ESM0025:migrationBuilder.AddColumn<DateTime>(name: "CreatedAt", table: "Users", type: "timestamp without time zone", nullable: true)|};""",
            """migrationBuilder.AddColumn<DateTime>(name: "CreatedAt", table: "Users", type: "timestamp with time zone", nullable: true);""");
        yield return new RuleCase("ESM0026",
            """{|ESM0026:migrationBuilder.AddColumn<string>(name: "CountryCode", table: "Users", type: "character(2)", nullable: true)|};""",
            """migrationBuilder.AddColumn<string>(name: "CountryCode", table: "Users", type: "text", nullable: true);""");
        yield return new RuleCase("ESM0027",
            """{|ESM0027:migrationBuilder.AddColumn<string>(name: "Name", table: "Users", type: "character varying(100)", maxLength: 100, nullable: true)|};""",
            """migrationBuilder.AddColumn<string>(name: "Name", table: "Users", type: "text", nullable: true);""");
        yield return new RuleCase("ESM0028",
            """{|ESM0028:migrationBuilder.CreateIndex(name: "IX_Orders_Wide", table: "Orders", columns: new[] { "CustomerId", "Status", "CreatedAt", "Total" })|}.Annotation("Npgsql:CreatedConcurrently", true);""",
            """migrationBuilder.CreateIndex(name: "IX_Orders_Wide", table: "Orders", columns: new[] { "CustomerId", "Status", "CreatedAt" }).Annotation("Npgsql:CreatedConcurrently", true);""");
        yield return new RuleCase("ESM0046",
            """{|ESM0046:migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email", unique: true)|}.Annotation("Npgsql:CreatedConcurrently", true);""",
            """migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email").Annotation("Npgsql:CreatedConcurrently", true);""");
        yield return new RuleCase("ESM0048",
            """{|ESM0048:migrationBuilder.DropForeignKey(name: "FK_Orders_Users_UserId", table: "Orders")|};""",
            """
            migrationBuilder.DropForeignKey(name: "FK_Orders_Users_UserId", table: "Orders");
            migrationBuilder.AddForeignKey(name: "FK_Orders_Customers_UserId", table: "Orders", column: "UserId", principalTable: "Customers", principalColumn: "Id").Annotation("EfSafeMigrations:NotValid", true);
            """);
        yield return new RuleCase("ESM0051",
            """{|ESM0018:{|ESM0051:migrationBuilder.DropColumn(name: "LegacyCode", table: "Users")|}|};""",
            """migrationBuilder.AddColumn<string>(name: "Note", table: "Users", type: "text", nullable: true);""");
        yield return new RuleCase("ESM0052",
            """{|ESM0052:migrationBuilder.AddColumn<int>(name: "ExternalId", table: "Orders", type: "integer", nullable: true)|};""",
            """migrationBuilder.AddColumn<long>(name: "ExternalId", table: "Orders", type: "bigint", nullable: true);""");
        yield return new RuleCase("ESM0029",
            """migrationBuilder.CreateIndex(name: {|ESM0029:"IX_CustomerSubscriptionRenewalNotifications_CustomerSubscriptionId_Channel"|}, table: "Users", column: "Email").Annotation("Npgsql:CreatedConcurrently", true);""",
            """migrationBuilder.CreateIndex(name: "IX_RenewalNotifications_Subscription_Channel", table: "Users", column: "Email").Annotation("Npgsql:CreatedConcurrently", true);""");
    }

    /// <summary>Rules only raw SQL can break: <c>migrationBuilder.Sql("...")</c> scanned with the runtime linter's scanner.</summary>
    private static IEnumerable<RuleCase> RawSqlCases()
    {
        yield return Sql("ESM0003", "CREATE INDEX CONCURRENTLY ix ON users (email); ANALYZE users;", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email);", safeSuppress: true);
        yield return Sql("ESM0006", "ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID; ALTER TABLE orders VALIDATE CONSTRAINT ck_total;",
            "ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;");
        yield return Sql("ESM0017", "ALTER SCHEMA sales RENAME TO billing;", "ALTER SCHEMA sales OWNER TO app;");
        yield return Sql("ESM0030", "UPDATE users SET country = 'NL' WHERE country IS NULL;", "INSERT INTO countries (code) VALUES ('NL');");
        yield return Sql("ESM0031", "TRUNCATE sessions;", "SELECT 'TRUNCATE sessions';");
        yield return Sql("ESM0032", "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;", "SELECT pg_advisory_xact_lock(42);");
        yield return Sql("ESM0033", "VACUUM FULL orders;", "VACUUM (ANALYZE) orders;", unsafeSuppress: true, safeSuppress: true);
        yield return Sql("ESM0034", "CLUSTER orders USING ix_orders_created_at;", "COMMENT ON TABLE orders IS 'CLUSTER orders';");
        yield return Sql("ESM0035", "REINDEX TABLE orders;", "REINDEX TABLE CONCURRENTLY orders;", safeSuppress: true);
        yield return new RuleCase("ESM0038",
            """
            migrationBuilder.AddColumn<string>(name: "Country", table: "Users", type: "text", nullable: true);
            {|ESM0038:migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_users_country ON \"Users\" (\"Country\");", suppressTransaction: true)|};
            """,
            """
            migrationBuilder.AddColumn<string>(name: "Country", table: "Users", type: "text", nullable: true);
            migrationBuilder.Sql("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_country ON \"Users\" (\"Country\");", suppressTransaction: true);
            """);
        yield return Sql("ESM0039", "SET lock_timeout = 0; ALTER TABLE orders ADD COLUMN note text;", "SET lock_timeout TO '2s'; ALTER TABLE orders ADD COLUMN note text;");
        yield return Sql("ESM0040", "START TRANSACTION;", "SAVEPOINT a; ROLLBACK TO SAVEPOINT a;");
        yield return Sql("ESM0041", "DROP DATABASE legacy;", "SELECT 'DROP DATABASE legacy';", unsafeSuppress: true);
        yield return Sql("ESM0043", "ALTER TABLE orders DETACH PARTITION orders_2024;", "ALTER TABLE orders DETACH PARTITION orders_2024 CONCURRENTLY;", safeSuppress: true);
        yield return Sql("ESM0044", "ALTER TABLE bookings ADD CONSTRAINT ex_room EXCLUDE USING gist (room_id WITH =, during WITH &&);",
            "CREATE TABLE bookings (room_id bigint, during tstzrange, EXCLUDE USING gist (room_id WITH =, during WITH &&));");
        yield return Sql("ESM0045", "ALTER TYPE order_status RENAME VALUE 'shipped' TO 'dispatched';", "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'dispatched';", safeSuppress: true);
        yield return Sql("ESM0047", "ALTER TABLE orders ADD COLUMN note text;", "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;", unsafeSuppress: true, safeSuppress: true);
        yield return Sql("ESM0049", "ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');",
            "ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') NOT VALID;");
    }

    private static RuleCase Sql(string id, string unsafeSql, string safeSql, bool unsafeSuppress = false, bool safeSuppress = false)
        => new(id,
            "{|" + id + ":migrationBuilder.Sql(" + Literal(unsafeSql) + (unsafeSuppress ? ", suppressTransaction: true" : "") + ")|};",
            "migrationBuilder.Sql(" + Literal(safeSql) + (safeSuppress ? ", suppressTransaction: true" : "") + ");");

    private static string Literal(string sql) => "\"" + sql.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>Rules without a safe rewrite: the safe form is the migration assured with a reason, which the code fix starts.</summary>
    private static IEnumerable<RuleCase> AssuredCases()
    {
        var statements = new (string Id, string Statement)[]
        {
            ("ESM0015", """migrationBuilder.RenameColumn(name: "Mail", table: "Users", newName: "Email")"""),
            ("ESM0016", """migrationBuilder.RenameTable(name: "Customer", newName: "Customers")"""),
            ("ESM0018", """migrationBuilder.DropColumn(name: "LegacyCode", table: "Users")"""),
            ("ESM0019", """migrationBuilder.DropTable(name: "AuditLog")"""),
            ("ESM0020", """migrationBuilder.DropSchema(name: "reporting")"""),
            ("ESM0021", """migrationBuilder.AlterColumn<string>(name: "Email", table: "Users", type: "text", nullable: true, oldClrType: typeof(string), oldType: "text", oldNullable: false)"""),
            ("ESM0036", """migrationBuilder.DeleteData(table: "Countries", keyColumn: "Id", keyValue: 7)"""),
            ("ESM0037", """migrationBuilder.UpdateData(table: "Plans", keyColumn: "Id", keyValue: 2, column: "Price", value: 12m)"""),
        };
        foreach (var (id, statement) in statements)
        {
            yield return new RuleCase(id,
                "{|" + id + ":" + statement + "|};",
                statement + ";",
                SafeAttributes: $"[SafetyAssured(\"{id}\", Reason = \"checked with the owners of every reader\")]",
                Fixed: statement + ";",
                FixedAttributes: $"[SafetyAssured(\"{id}\", Reason = \"{Todo}\")]",
                Down: RestoringDown(id));
        }
    }

    // A Down that restores what the drop removed, so that ESM0051 (destructive Up, empty Down) stays out of these cases.
    private static string RestoringDown(string id) => id switch
    {
        "ESM0018" => """migrationBuilder.AddColumn<string>(name: "LegacyCode", table: "Users", type: "text", nullable: true);""",
        "ESM0019" => """migrationBuilder.Sql("CREATE TABLE \"AuditLog\" (\"Id\" bigint);");""",
        "ESM0020" => """migrationBuilder.EnsureSchema(name: "reporting");""",
        _ => string.Empty,
    };
}
