using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>Open expansions (expands without a later contract) and EFSAFEMIGRATIONS_CONTRACT's choice among them.</summary>
public class ContractRequestTests
{
    private static readonly IReadOnlyList<OpenExpansion> Open = OpenExpansions.FromOperations(
    [
        ("1_Expand", Up(b =>
        {
            b.ExpandRenameColumn("users", "email", "email_address", "text", nullable: false);
            b.ExpandRequired("users", "nickname", "'anonymous'");
            b.RetireColumn("accounts", "legacy_code");
            b.RetireColumn("accounts", "old_flag", defaultValueSql: "false");
            b.ExpandRenameTable("purchases", "orders");
        })),
        ("2_Contract", Up(b => b.ContractRequired("users", "nickname", "'anonymous'"))),
        ("3_DropByEf", Up(b => b.DropColumn("old_flag", "accounts"))),
    ]);

    [Test]
    public void An_expansion_is_open_until_a_later_migration_contracts_it()
    {
        Open.Select(o => o.Description).Should().Equal(
            "rename column users.email to email_address", "retire column accounts.legacy_code", "rename table purchases to orders");
        Open.Should().OnlyContain(o => o.MigrationId == "1_Expand");
    }

    [Test]
    public void All_or_descriptions_or_names_choose_contracts_and_an_unknown_name_stops_the_scaffold()
    {
        ContractRequest.Select(null, Open).Should().BeEmpty();
        ContractRequest.Select("all", Open).Should().HaveCount(3).And.OnlyContain(o => o.Stage == ExpansionStage.Contract);

        var chosen = ContractRequest.Select(" email_address , rename table purchases to orders", Open);
        chosen.Select(o => o.Describe()).Should().Equal("rename column users.email to email_address", "rename table purchases to orders");
        chosen[0].Should().BeEquivalentTo(Open[0].Operation.AsStage(ExpansionStage.Contract), "the contract takes the expand's arguments");

        var unknown = () => ContractRequest.Select("email,nickname", Open);
        unknown.Should().Throw<InvalidOperationException>().WithMessage(
            "EFSAFEMIGRATIONS_CONTRACT=email,nickname: nickname names no open expansion. Open expansion(s): rename column users.email to email_address (1_Expand);*");
    }

    private static IReadOnlyList<MigrationOperation> Up(Action<MigrationBuilder> build)
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        build(builder);
        return builder.Operations;
    }
}
