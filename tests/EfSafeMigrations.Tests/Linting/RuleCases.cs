using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using static EfSafeMigrations.Tests.Linting.RuleCase;

namespace EfSafeMigrations.Tests.Linting;

/// <summary>
/// Positive and negative examples for every rule. Raw SQL cases are in RuleCases.RawSql.cs, ESM0044-ESM0052 in
/// RuleCases.Integrity.cs.
/// </summary>
public static partial class RuleCases
{
    public static IReadOnlyList<RuleCase> All { get; } = [.. Indexes(), .. Constraints(), .. Columns(), .. BreakingChanges(), .. TypeChoices(), .. Data(), .. RawSql(), .. Integrity(), .. Repeatability()];

    /// <summary>Creates table Users in the migration, so that later operations on it are on a new table.</summary>
    private static void CreateUsers(MigrationBuilder b)
        => b.CreateTable("Users", t => new { Id = t.Column<long>(type: "bigint", nullable: false), Email = t.Column<string>(type: "text", nullable: true) },
            constraints: t => t.PrimaryKey("PK_Users", x => x.Id));

    private static IEnumerable<RuleCase> Indexes()
    {
        yield return Fires("ESM0001", "index on an existing table", b => b.CreateIndex("IX_Users_Email", "Users", "Email"));
        yield return Silent("ESM0001", "index on a table created in the same migration", b => { CreateUsers(b); b.CreateIndex("IX_Users_Email", "Users", "Email"); });
        yield return Silent("ESM0001", "index created concurrently", b => b.CreateIndex("IX_Users_Email", "Users", "Email").Annotation("Npgsql:CreatedConcurrently", true));
        yield return Fires("ESM0002", "index dropped", b => b.DropIndex("IX_Users_Email", "Users"));
        yield return Silent("ESM0002", "index dropped on a table created in the same migration", b => { CreateUsers(b); b.DropIndex("IX_Users_Email", "Users"); });
        yield return Fires("ESM0028", "non-unique index over four columns", b => b.CreateIndex("IX_Wide", "Orders", ["A", "B", "C", "D"]));
        yield return Silent("ESM0028", "unique index over four columns", b => b.CreateIndex("IX_Wide", "Orders", ["A", "B", "C", "D"], unique: true));
        yield return Silent("ESM0028", "index over three columns", b => b.CreateIndex("IX_Three", "Orders", ["A", "B", "C"]));
    }

    private static IEnumerable<RuleCase> Constraints()
    {
        yield return Silent("ESM0004", "foreign key added NOT VALID (safe form)", b => b.AddForeignKey("FK_Orders_Users", "Orders", "UserId", "Users", principalColumn: "Id").Annotation("EfSafeMigrations:NotValid", true));
        yield return Fires("ESM0004", "foreign key on an existing table", b => b.AddForeignKey("FK_Orders_Users", "Orders", "UserId", "Users", principalColumn: "Id"));
        yield return Silent("ESM0004", "foreign key on a table created in the same migration", b =>
        {
            b.CreateTable("Orders", t => new { Id = t.Column<long>(nullable: false), UserId = t.Column<long>(nullable: false) });
            b.AddForeignKey("FK_Orders_Users", "Orders", "UserId", "Users", principalColumn: "Id");
        });
        yield return Fires("ESM0005", "check constraint on an existing table", b => b.AddCheckConstraint("CK_Orders_Total", "Orders", "\"Total\" >= 0"));
        yield return Silent("ESM0005", "check constraint on a new table", b => { CreateUsers(b); b.AddCheckConstraint("CK_Users_Email", "Users", "\"Email\" <> ''"); });
        yield return Fires("ESM0007", "column made NOT NULL", b => b.AlterColumn<string>("Email", "Users", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true));
        yield return Silent("ESM0007", "column made NOT NULL on a new table", b =>
        {
            CreateUsers(b);
            b.AlterColumn<string>("Email", "Users", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true);
        });
        yield return Silent("ESM0007", "nullability unchanged", b => b.AlterColumn<string>("Email", "Users", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: false, comment: "c"));
        yield return Fires("ESM0013", "unique constraint on an existing table", b => b.AddUniqueConstraint("AK_Users_Email", "Users", "Email"));
        yield return Fires("ESM0013", "primary key on an existing table", b => b.AddPrimaryKey("PK_Users", "Users", "Id"));
        yield return Silent("ESM0013", "unique constraint on a new table", b => { CreateUsers(b); b.AddUniqueConstraint("AK_Users_Email", "Users", "Email"); });
        yield return Fires("ESM0021", "column made nullable", b => b.AlterColumn<string>("Email", "Users", type: "text", nullable: true, oldClrType: typeof(string), oldType: "text", oldNullable: false));
        yield return Silent("ESM0021", "column stays NOT NULL", b => b.AlterColumn<string>("Email", "Users", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: false, comment: "c"));
    }

    private static IEnumerable<RuleCase> Columns()
    {
        yield return Fires("ESM0008", "NOT NULL column without default", b => b.AddColumn<string>("Country", "Users", type: "text", nullable: false));
        yield return Silent("ESM0008", "NOT NULL column with a default", b => b.AddColumn<string>("Country", "Users", type: "text", nullable: false, defaultValue: ""));
        yield return Silent("ESM0008", "nullable column", b => b.AddColumn<string>("Country", "Users", type: "text", nullable: true));
        yield return Silent("ESM0008", "NOT NULL column on a new table", b => { CreateUsers(b); b.AddColumn<string>("Country", "Users", type: "text", nullable: false); });
        yield return Fires("ESM0009", "gen_random_uuid() default", b => b.AddColumn<Guid>("PublicId", "Users", type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"));
        yield return Fires("ESM0009", "unknown function default is assumed volatile", b => b.AddColumn<string>("Code", "Users", type: "text", nullable: true, defaultValueSql: "make_code()"));
        yield return Silent("ESM0009", "now() default is stable", b => b.AddColumn<DateTimeOffset>("SeenAt", "Users", type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"));
        yield return Silent("ESM0009", "volatile default on a new table", b => { CreateUsers(b); b.AddColumn<Guid>("PublicId", "Users", type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"); });
        yield return Fires("ESM0010", "constant default on PostgreSQL 10", b => b.AddColumn<bool>("IsActive", "Users", type: "boolean", nullable: false, defaultValue: true), postgresVersion: 10);
        yield return Silent("ESM0010", "constant default on PostgreSQL 11", b => b.AddColumn<bool>("IsActive", "Users", type: "boolean", nullable: false, defaultValue: true), postgresVersion: 11);
        yield return Silent("ESM0010", "constant default, server version unknown", b => b.AddColumn<bool>("IsActive", "Users", type: "boolean", nullable: false, defaultValue: true));
        yield return Fires("ESM0011", "stored generated column", b => b.AddColumn<string>("FullName", "Users", type: "text", nullable: true, computedColumnSql: "\"First\" || \"Last\"", stored: true));
        yield return Silent("ESM0011", "virtual generated column", b => b.AddColumn<string>("FullName", "Users", type: "text", nullable: true, computedColumnSql: "\"First\" || \"Last\"", stored: false));
        yield return Silent("ESM0011", "stored generated column on a new table", b => { CreateUsers(b); b.AddColumn<string>("FullName", "Users", type: "text", nullable: true, computedColumnSql: "\"Email\"", stored: true); });
        yield return Fires("ESM0012", "identity column on an existing table", b => b.AddColumn<long>("Number", "Orders", type: "bigint", nullable: false)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn));
        yield return Silent("ESM0012", "plain bigint column", b => b.AddColumn<long>("Number", "Orders", type: "bigint", nullable: true));
        yield return Fires("ESM0014", "integer to bigint", b => b.AlterColumn<long>("Quantity", "Orders", type: "bigint", nullable: false, oldClrType: typeof(int), oldType: "integer"));
        yield return Fires("ESM0014", "varchar limit lowered", b => b.AlterColumn<string>("Name", "Users", type: "character varying(100)", oldClrType: typeof(string), oldType: "character varying(200)"));
        yield return Fires("ESM0014", "numeric scale changed", b => b.AlterColumn<decimal>("Total", "Orders", type: "numeric(12,3)", oldClrType: typeof(decimal), oldType: "numeric(10,2)"));
        yield return Silent("ESM0014", "text to citext", b => b.AlterColumn<string>("Email", "Users", type: "citext", oldClrType: typeof(string), oldType: "text"));
        yield return Silent("ESM0014", "citext to varchar", b => b.AlterColumn<string>("Email", "Users", type: "character varying", oldClrType: typeof(string), oldType: "citext"));
        yield return Fires("ESM0014", "timestamp to timestamptz", b => b.AlterColumn<DateTime>("SeenAt", "Users", type: "timestamp with time zone", oldClrType: typeof(DateTime), oldType: "timestamp without time zone"));
        yield return Silent("ESM0014", "varchar widened", b => b.AlterColumn<string>("Name", "Users", type: "character varying(200)", oldClrType: typeof(string), oldType: "character varying(100)"));
        yield return Silent("ESM0014", "varchar to text", b => b.AlterColumn<string>("Name", "Users", type: "text", oldClrType: typeof(string), oldType: "varchar(100)"));
        yield return Silent("ESM0014", "numeric precision raised at the same scale", b => b.AlterColumn<decimal>("Total", "Orders", type: "numeric(12,2)", oldClrType: typeof(decimal), oldType: "numeric(10,2)"));
        yield return Silent("ESM0014", "same type spelled differently", b => b.AlterColumn<int>("Quantity", "Orders", type: "int4", nullable: false, oldClrType: typeof(int), oldType: "integer", oldNullable: true));
        yield return Silent("ESM0014", "type change on a new table", b => { CreateUsers(b); b.AlterColumn<long>("Email", "Users", type: "bigint", oldClrType: typeof(string), oldType: "text"); });
    }

    private static IEnumerable<RuleCase> BreakingChanges()
    {
        yield return Fires("ESM0015", "column renamed", b => b.RenameColumn("Mail", "Users", "Email"));
        yield return Silent("ESM0015", "column renamed on a new table", b => { CreateUsers(b); b.RenameColumn("Email", "Users", "Mail"); });
        yield return Fires("ESM0016", "table renamed", b => b.RenameTable("Customer", newName: "Customers"));
        yield return Fires("ESM0016", "table moved to another schema", b => b.RenameTable("Customer", schema: "public", newSchema: "sales"));
        yield return Silent("ESM0016", "rename to the same name and schema", b => b.RenameTable("Customer", newName: "Customer"));
        yield return Fires("ESM0018", "column dropped", b => b.DropColumn("LegacyCode", "Users"));
        yield return Silent("ESM0018", "column dropped from a table created in the same migration", b => { CreateUsers(b); b.DropColumn("Email", "Users"); });
        yield return Fires("ESM0019", "table dropped", b => b.DropTable("AuditLog"));
        yield return Silent("ESM0019", "table created and dropped in the same migration", b => { CreateUsers(b); b.DropTable("Users"); });
        yield return Fires("ESM0020", "schema dropped", b => b.DropSchema("reporting"));
        yield return Silent("ESM0020", "schema ensured", b => b.EnsureSchema("reporting"));
    }

    private static IEnumerable<RuleCase> TypeChoices()
    {
        yield return Fires("ESM0022", "json column", b => b.AddColumn<string>("Settings", "Users", type: "json", nullable: true));
        yield return Silent("ESM0022", "jsonb column", b => b.AddColumn<string>("Settings", "Users", type: "jsonb", nullable: true));
        yield return Fires("ESM0023", "int primary key", b => b.CreateTable("Orders", t => new { Id = t.Column<int>(type: "integer", nullable: false) }, constraints: t => t.PrimaryKey("PK_Orders", x => x.Id)));
        yield return Silent("ESM0023", "bigint primary key", b => b.CreateTable("Orders", t => new { Id = t.Column<long>(type: "bigint", nullable: false) }, constraints: t => t.PrimaryKey("PK_Orders", x => x.Id)));
        yield return Silent("ESM0023", "composite int key of a join table", b => b.CreateTable("UserRoles",
            t => new { UserId = t.Column<int>(type: "integer", nullable: false), RoleId = t.Column<int>(type: "integer", nullable: false) },
            constraints: t => t.PrimaryKey("PK_UserRoles", x => new { x.UserId, x.RoleId })));
        yield return Fires("ESM0024", "serial key (Npgsql annotation)", b => b.CreateTable("Orders",
            t => new { Id = t.Column<long>(type: "bigint", nullable: false).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.SerialColumn) },
            constraints: t => t.PrimaryKey("PK_Orders", x => x.Id)));
        yield return Silent("ESM0024", "identity key", b => b.CreateTable("Orders",
            t => new { Id = t.Column<long>(type: "bigint", nullable: false).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn) },
            constraints: t => t.PrimaryKey("PK_Orders", x => x.Id)));
        yield return Fires("ESM0025", "timestamp without time zone", b => b.AddColumn<DateTime>("CreatedAt", "Users", type: "timestamp without time zone", nullable: true));
        yield return Silent("ESM0025", "timestamp with time zone", b => b.AddColumn<DateTime>("CreatedAt", "Users", type: "timestamp with time zone", nullable: true));
        yield return Fires("ESM0026", "character(2)", b => b.AddColumn<string>("CountryCode", "Users", type: "character(2)", nullable: true));
        yield return Silent("ESM0026", "text", b => b.AddColumn<string>("CountryCode", "Users", type: "text", nullable: true));
        yield return Fires("ESM0027", "varchar(100)", b => b.AddColumn<string>("Name", "Users", type: "character varying(100)", nullable: true));
        yield return Silent("ESM0027", "varchar without limit", b => b.AddColumn<string>("Name", "Users", type: "character varying", nullable: true));
        yield return Fires("ESM0029", "index name of 64 bytes", b => b.CreateIndex(new string('i', 64), "Users", "Email", unique: true));
        yield return Fires("ESM0029", "column name of 32 two-byte characters", b => b.AddColumn<string>(new string('é', 32), "Users", type: "text", nullable: true));
        yield return Silent("ESM0029", "index name of 63 bytes", b => b.CreateIndex(new string('i', 63), "Users", "Email", unique: true));
        yield return Fires("ESM0042", "enum value added on PostgreSQL 11", AddMoodValue, postgresVersion: 11);
        yield return Silent("ESM0042", "enum value added on PostgreSQL 12", AddMoodValue, postgresVersion: 12);
        yield return Silent("ESM0042", "enum created on PostgreSQL 11", b => b.AlterDatabase().Annotation("Npgsql:Enum:mood", "happy,sad"), postgresVersion: 11);
    }

    private static void AddMoodValue(MigrationBuilder b)
        => b.AlterDatabase().Annotation("Npgsql:Enum:mood", "happy,sad,curious").OldAnnotation("Npgsql:Enum:mood", "happy,sad");

    private static IEnumerable<RuleCase> Data()
    {
        yield return Fires("ESM0036", "seed row deleted", b => b.DeleteData("Countries", "Id", 7));
        yield return Silent("ESM0036", "seed row inserted", b => b.InsertData("Countries", "Id", 7));
        yield return Fires("ESM0037", "seed row updated", b => b.UpdateData("Plans", "Id", 2, "Price", 12m));
        yield return Silent("ESM0037", "seed row inserted", b => b.InsertData("Plans", "Id", 2));
    }
}
