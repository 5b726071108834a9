using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>Expand/contract's drops and renames are planned: never ESM0015/ESM0016/ESM0018, nor ESM0051 for a contract's empty Down.</summary>
public class ExpandContractLintTests
{
    private static readonly LintSettings Settings = LintSettings.For(new SafeMigrationsOptions(), 16, appliedByMigrateSafely: true);

    [Test]
    public void A_scaffolded_expand_has_no_rename_or_drop_finding()
    {
        using var before = new ExpandContractContext(1);
        using var harness = new ScaffoldingHarness(new ExpandContractContext(2));
        var (up, down) = harness.Scaffold(before);

        var report = MigrationLinter.Lint([new MigrationToLint("20260101000000_Expand", up, DownOperations: down)], Settings);

        report.Findings.Where(f => f.Status == FindingStatus.Open).Should().BeEmpty(report.ToString());
    }

    [Test]
    public void A_contract_with_an_empty_down_is_planned_and_so_is_efs_drop_of_a_column_retired_earlier()
    {
        var expand = Builder();
        expand.RetireColumn("accounts", "legacy_code", defaultValueSql: "''");
        var contract = Builder();
        contract.ContractRenameColumn("users", "email", "email_address", "text", nullable: false);
        contract.ContractRequired("users", "nickname", "'anonymous'");
        contract.ContractRenameTable("purchases", "orders");
        contract.DropRetiredColumn("accounts", "legacy_code", defaultValueSql: "''");
        var efDrop = Builder();
        efDrop.DropColumn("legacy_code", "accounts");

        var inOneRun = MigrationLinter.Lint(
            [
                new MigrationToLint("1_Expand", expand.Operations, DownOperations: []),
                new MigrationToLint("2_Contract", contract.Operations, DownOperations: []),
                new MigrationToLint("3_DropByEf", efDrop.Operations, DownOperations: []),
            ],
            Settings);
        var afterAnEarlierRun = MigrationLinter.Lint([new MigrationToLint("3_DropByEf", efDrop.Operations, DownOperations: [])],
            Settings with { RetiredColumns = EfSafeMigrations.ExpandContract.Internal.RetiredColumns.In(expand.Operations) });
        var notRetired = MigrationLinter.Lint([new MigrationToLint("3_DropByEf", efDrop.Operations, DownOperations: [])], Settings);

        inOneRun.Findings.Should().BeEmpty(inOneRun.ToString());
        afterAnEarlierRun.Findings.Should().BeEmpty();
        notRetired.Findings.Select(f => f.RuleId).Should().Contain([RuleCatalog.DropColumn.Id, RuleCatalog.DestructiveUpWithoutDown.Id]);
    }

    private static MigrationBuilder Builder() => new("Npgsql.EntityFrameworkCore.PostgreSQL");
}
