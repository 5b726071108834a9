using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Lint;

/// <summary>
/// Hand-written migrations (no model, no snapshot) for the lint gate: a safe create, then a dangerous drop.
/// <see cref="AssuredAccountsDbContext"/> has the same migrations with the drop assured.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : DbContext(options)
{
    public static AccountsDbContext Create(string connectionString, Action<SafeMigrationsOptions>? configure = null)
        => new(new DbContextOptionsBuilder<AccountsDbContext>()
            .UseNpgsql(connectionString)
            .UseSafeMigrations(configure)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);
}

/// <inheritdoc cref="AccountsDbContext"/>
public sealed class AssuredAccountsDbContext(DbContextOptions<AssuredAccountsDbContext> options) : DbContext(options)
{
    public static AssuredAccountsDbContext Create(string connectionString)
        => new(new DbContextOptionsBuilder<AssuredAccountsDbContext>()
            .UseNpgsql(connectionString)
            .UseSafeMigrations()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);
}

public abstract class CreateAccountsBase : Migration
{
    public const string Id = "20260101000001_CreateAccounts";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.CreateTable(
            name: "accounts",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false),
                email = table.Column<string>(type: "text", nullable: true),
                legacy_code = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_accounts", x => x.id));
}

public abstract class DropLegacyCodeBase : Migration
{
    public const string Id = "20260101000002_DropLegacyCode";

    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropColumn(name: "legacy_code", table: "accounts");
}

[DbContext(typeof(AccountsDbContext))]
[Migration(Id)]
public sealed class CreateAccounts : CreateAccountsBase;

[DbContext(typeof(AccountsDbContext))]
[Migration(Id)]
public sealed class DropLegacyCode : DropLegacyCodeBase;

[DbContext(typeof(AssuredAccountsDbContext))]
[Migration(CreateAccountsBase.Id)]
public sealed class CreateAssuredAccounts : CreateAccountsBase;

[DbContext(typeof(AssuredAccountsDbContext))]
[Migration(DropLegacyCodeBase.Id)]
[SafetyAssured("ESM0018", Reason = "legacy_code unused since v2")]
public sealed class DropLegacyCodeAssured : DropLegacyCodeBase;
