using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Phases;

/// <summary>
/// Three releases' migrations: a table with rows (pre-deployment), the drop of a column the old version still read, marked
/// post-deployment, and a later pre-deployment column (newer than the deferred one, so it applies while the drop waits).
/// </summary>
public sealed class PhasesDbContext(DbContextOptions<PhasesDbContext> options) : DbContext(options)
{
    public static PhasesDbContext Create(string connectionString, Action<SafeMigrationsOptions>? configure = null, bool safe = true)
        => new(ShopOptions.For<PhasesDbContext>(connectionString, safe, configure));

    /// <summary>The new version's model: <c>legacy_code</c> no longer mapped.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            account.Property(a => a.Email).HasColumnName("email");
            account.Property(a => a.Note).HasColumnName("note");
        });
}

public sealed class Account
{
    public long Id { get; set; }

    public string? Email { get; set; }

    public string? Note { get; set; }
}

[DbContext(typeof(PhasesDbContext))]
[Migration(Id)]
public sealed class CreateAccounts : Migration
{
    public const string Id = "20260301000001_CreateAccounts";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "accounts",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false),
                email = table.Column<string>(type: "text", nullable: true),
                legacy_code = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_accounts", x => x.id));
        migrationBuilder.Sql("INSERT INTO accounts (id, email, legacy_code) VALUES (1, 'a@x', 'A1'), (2, NULL, NULL), (3, 'a@x', 'A1');");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "accounts");
}

/// <summary>The old version still reads <c>legacy_code</c>: its drop waits for the rollout.</summary>
[DbContext(typeof(PhasesDbContext))]
[Migration(Id)]
[PostDeployment]
[SafetyAssured("ESM0018", Reason = "The new version stopped using legacy_code; the drop runs after its rollout.")]
public sealed class DropLegacyCode : Migration
{
    public const string Id = "20260301000002_DropLegacyCode";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropColumn(name: "legacy_code", table: "accounts");

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.AddColumn<string>(name: "legacy_code", table: "accounts", type: "text", nullable: true);
}

[DbContext(typeof(PhasesDbContext))]
[Migration(Id)]
public sealed class AddAccountNote : Migration
{
    public const string Id = "20260301000003_AddAccountNote";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.AddColumn<string>(name: "note", table: "accounts", type: "text", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropColumn(name: "note", table: "accounts");
}

/// <summary>
/// The new version's model after an expand: <c>email</c> renamed to <c>email_address</c>, <c>country</c> required,
/// <c>legacy</c> retired (no longer mapped). Its contract is post-deployment.
/// </summary>
public sealed class ExpandedDbContext(DbContextOptions<ExpandedDbContext> options) : DbContext(options)
{
    public const string Create = "20260310000001_CreateMembers";
    public const string Expand = "20260310000002_ExpandMembers";
    public const string Contract = "20260310000003_ContractMembers";

    public static ExpandedDbContext For(string connectionString, bool postDeployment = false)
        => new(ShopOptions.For<ExpandedDbContext>(connectionString, configure: o =>
        {
            o.ExpandContract.ApplyPostDeployment = postDeployment;
            o.ExpandContract.OldWriterQuietPeriod = TimeSpan.Zero;
        }));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Member>(member =>
        {
            member.ToTable("members");
            member.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            member.Property(m => m.EmailAddress).HasColumnName("email_address");
            member.HasIndex(m => m.EmailAddress).HasDatabaseName("ix_members_email_address");
            member.Property(m => m.Country).HasColumnName("country").IsRequired();
        });

    internal static void Changes(MigrationBuilder migrationBuilder, ExpansionStage stage)
    {
        if (stage == ExpansionStage.Expand)
        {
            migrationBuilder.ExpandRenameColumn("members", "email", "email_address", "text", nullable: true);
            migrationBuilder.CreateIndex("ix_members_email_address", "members", "email_address");
            migrationBuilder.ExpandRequired("members", "country", "'NL'");
            migrationBuilder.RetireColumn("members", "legacy");
        }
        else
        {
            migrationBuilder.ContractRenameColumn("members", "email", "email_address", "text", nullable: true);
            migrationBuilder.ContractRequired("members", "country", "'NL'");
            migrationBuilder.DropRetiredColumn("members", "legacy");
        }
    }
}

public sealed class Member
{
    public long Id { get; set; }

    public string? EmailAddress { get; set; }

    public string Country { get; set; } = "";
}

[DbContext(typeof(ExpandedDbContext))]
[Migration(ExpandedDbContext.Create)]
public sealed class CreateMembers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "members",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false),
                email = table.Column<string>(type: "text", nullable: true),
                country = table.Column<string>(type: "text", nullable: true),
                legacy = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_members", x => x.id));
        migrationBuilder.CreateIndex("ix_members_email", "members", "email");
        migrationBuilder.Sql("INSERT INTO members (id, email, country, legacy) VALUES (1, 'a@x', 'BE', 'l'), (2, 'a@x', NULL, NULL), (3, NULL, NULL, 'l');");
    }
}

[DbContext(typeof(ExpandedDbContext))]
[Migration(ExpandedDbContext.Expand)]
public sealed class ExpandMembers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => ExpandedDbContext.Changes(migrationBuilder, ExpansionStage.Expand);
}

[DbContext(typeof(ExpandedDbContext))]
[Migration(ExpandedDbContext.Contract)]
public sealed class ContractMembers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => ExpandedDbContext.Changes(migrationBuilder, ExpansionStage.Contract);
}
