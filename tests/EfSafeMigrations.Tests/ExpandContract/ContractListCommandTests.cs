using EfSafeMigrations.CommandLine.Internal;
using EfSafeMigrations.CommandLine.Internal.Output;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.ExpandContract;

public class ContractListCommandTests
{
    [Test]
    public async Task Contract_list_prints_the_open_expansions_without_a_database()
    {
        var output = new StringWriter();
        var host = new CommandHost(CommandCatalog.Create(), new TerminalSettings(output, new StringWriter(), false, false, true));
        using var interruption = Interruption.Listen(CancellationToken.None);

        var exitCode = await host.RunAsync(["contract", "list"], () => new ContractListContext(), interruption);

        exitCode.Should().Be((int)SafeMigrationsExitCode.Success, output.ToString());
        output.ToString().Should().Contain("Open expansions: 1").And.Contain("rename column users.email to email_address (1_ExpandUsers)")
            .And.Contain("EFSAFEMIGRATIONS_CONTRACT=all dotnet ef migrations add").And.NotContain("legacy_code");
    }
}

public sealed class ContractListContext : DbContext
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
        => optionsBuilder.UseNpgsql("Host=localhost;Database=never_connects").UseSafeMigrations();
}

[DbContext(typeof(ContractListContext))]
[Migration("1_ExpandUsers")]
public sealed class ExpandUsers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.ExpandRenameColumn("users", "email", "email_address", "text", nullable: false);
        migrationBuilder.RetireColumn("users", "legacy_code");
    }
}

[DbContext(typeof(ContractListContext))]
[Migration("2_DropLegacy")]
public sealed class DropLegacy : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropRetiredColumn("users", "legacy_code");
}
