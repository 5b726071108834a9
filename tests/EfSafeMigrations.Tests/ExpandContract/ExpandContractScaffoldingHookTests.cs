using EfSafeMigrations.Design.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>What <c>migrations add</c> prints about expand/contract.</summary>
public class ExpandContractScaffoldingHookTests
{
    [Test]
    public void Every_migrations_add_lists_the_open_expansions_and_how_to_scaffold_their_contract()
    {
        using var context = new ContractListContext();
        var reporter = new CapturingReporter();
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.AddColumn<string>("bio", "users", nullable: true);

        Hook(context).Scaffolded(Event(context, reporter, builder.Operations));

        reporter.Information.Should().ContainSingle().Which.Should().Be(
            "EfSafeMigrations: Open expansion(s): rename column users.email to email_address (1_ExpandUsers). Once no old version of the " +
            "application runs, scaffold their contract with EFSAFEMIGRATIONS_CONTRACT=all (or some of these descriptions or column names, " +
            "comma-separated) dotnet ef migrations add <Name>.");
        reporter.Warnings.Should().BeEmpty();
    }

    [Test]
    public void A_migration_holding_the_contract_says_so_and_lists_it_no_longer()
    {
        using var context = new ContractListContext();
        var reporter = new CapturingReporter();
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.ContractRenameColumn("users", "email", "email_address", "text", nullable: false);

        Hook(context).Scaffolded(Event(context, reporter, builder.Operations));

        reporter.Information.Should().ContainSingle().Which.Should().Be(
            "EfSafeMigrations: contract of: rename column users.email to email_address (post-deployment; its Down is empty: the contract is the point of no return).");
    }

    private static ExpandContractScaffoldingHook Hook(DbContext context) => new(context.GetService<ICurrentDbContext>());

    private static ScaffoldingEvent Event(DbContext context, IOperationReporter reporter, IReadOnlyList<MigrationOperation> up)
        => new(
            new ScaffoldedMigration(".cs", "2_DropLegacy", "", "3_Next", "", "Migrations", "", "Snapshot", "Migrations"),
            up,
            [],
            new ScaffoldingServices(reporter, context.Model, context.GetService<IMigrationsAssembly>(), context.GetType()));

    private sealed class CapturingReporter : IOperationReporter
    {
        public List<string> Warnings { get; } = [];

        public List<string> Information { get; } = [];

        public void WriteError(string message) => Warnings.Add(message);

        public void WriteWarning(string message) => Warnings.Add(message);

        public void WriteInformation(string message) => Information.Add(message);

        public void WriteVerbose(string message)
        {
        }
    }
}
