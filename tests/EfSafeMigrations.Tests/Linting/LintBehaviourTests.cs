using EfSafeMigrations.Execution;
using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.Linting;

public class LintBehaviourTests
{
    private static LintReport Lint(Action<MigrationBuilder> up, Type? migrationType = null, LintOptions? options = null, IRewritePolicy? rewrites = null)
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        up(builder);
        return MigrationLinter.Lint(
            [new MigrationToLint("20260101000000_DropLegacy", builder.Operations, migrationType)],
            new LintSettings(options ?? new LintOptions(), null, rewrites ?? RewritePolicy.None));
    }

    private static void DropAndIndex(MigrationBuilder b)
    {
        b.DropColumn("LegacyCode", "Users");
        b.CreateIndex("IX_Users_Email", "Users", "Email");
    }

    [Test]
    public void Open_errors_block_and_the_report_names_migration_operation_rule_why_and_safe_alternative()
    {
        var report = Lint(DropAndIndex);

        report.IsBlocking.Should().BeTrue();
        report.BlockingFindings.Select(f => f.RuleId).Should().Equal("ESM0018", "ESM0001");
        var text = report.ToString();
        text.Should().Contain("20260101000000_DropLegacy").And.Contain("DropColumn Users.LegacyCode").And.Contain("ESM0018 Column dropped")
            .And.Contain(RuleCatalog.DropColumn.Why).And.Contain(RuleCatalog.DropColumn.SafeAlternative)
            .And.Contain("[SafetyAssured(\"ESM0018\", Reason = \"...\")]");
        report.BlockingFindings[1].OperationIndex.Should().Be(1);
    }

    [SafetyAssured("ESM0018", "ESM0001", Reason = "Users is empty in every environment")]
    private sealed class AssuredMigration;

    [Test]
    public void Assured_findings_are_reported_with_their_reason_and_do_not_block()
    {
        var report = Lint(DropAndIndex, typeof(AssuredMigration));

        report.IsBlocking.Should().BeFalse();
        report.Assured.Should().HaveCount(2).And.OnlyContain(f => f.AssuranceReason == "Users is empty in every environment");
        report.ToString().Should().Contain("ESM0018 assured").And.Contain("Users is empty in every environment");
    }

    [SafetyAssured("ESM9999", Reason = "typo")]
    [SafetyAssured("ESM0018", Reason = " ")]
    private sealed class BadlyAssuredMigration;

    [Test]
    public void Unknown_ids_and_empty_reasons_in_assurances_are_errors_naming_the_migration_and_the_fix()
    {
        var report = Lint(b => b.AddColumn<string>("Note", "Users", type: "text", nullable: true), typeof(BadlyAssuredMigration));

        report.IsBlocking.Should().BeTrue();
        report.AssuranceErrors.Should().HaveCount(2);
        report.AssuranceErrors[0].Should().Contain("20260101000000_DropLegacy").And.Contain("ESM9999").And.Contain("not an EfSafeMigrations rule id");
        report.AssuranceErrors[1].Should().Contain("without a reason").And.Contain("Reason = ");
    }

    [Test]
    public void Severity_overrides_and_disabled_rules_change_what_blocks()
    {
        var options = new LintOptions().SetSeverity("esm0018", RuleSeverity.Warning).Disable("ESM0001");

        var report = Lint(DropAndIndex, options: options);

        report.IsBlocking.Should().BeFalse();
        report.Warnings.Should().ContainSingle().Which.RuleId.Should().Be("ESM0018");
        report.Findings.Should().NotContain(f => f.RuleId == "ESM0001");
    }

    [Test]
    public void Unknown_ids_and_versions_in_options_are_clear_errors()
    {
        FluentActions.Invoking(() => new LintOptions().SetSeverity("ESM0999", RuleSeverity.Info))
            .Should().Throw<ArgumentException>().WithMessage("'ESM0999' is not an EfSafeMigrations rule id*ESM0001 to ESM0042*");
        FluentActions.Invoking(() => new LintOptions().Disable("XYZ")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new LintOptions { TargetPostgresVersion = 150 }).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Disabled_linting_reports_nothing()
    {
        Lint(DropAndIndex, options: new LintOptions { Enabled = false }).Findings.Should().BeEmpty();
    }

    [Test]
    public void Operations_the_generator_rewrites_are_reported_as_rewrites_not_findings()
    {
        var report = Lint(DropAndIndex, rewrites: RewritePolicy.Of(RuleCatalog.NonConcurrentIndexCreation));

        report.Rewrites.Should().ContainSingle().Which.RuleId.Should().Be("ESM0001");
        report.Rewrites[0].IsBlocking.Should().BeFalse();
        report.BlockingFindings.Should().ContainSingle().Which.RuleId.Should().Be("ESM0018");
        report.ToString().Should().Contain("ESM0001 rewritten");
    }

    [Test]
    public void The_rewrite_policy_follows_the_rewrite_options()
    {
        var options = new SafeMigrationsOptions();
        var defaults = RewritePolicy.From(options);
        options.Rewrites.ConcurrentIndexes = false;
        var withoutConcurrentIndexes = RewritePolicy.From(options);

        RuleCatalog.All.Where(defaults.Rewrites).Select(r => r.Id)
            .Should().BeEquivalentTo(RuleCatalog.All.Where(r => r.AutoFixedBySafeGenerator).Select(r => r.Id), "every auto-fixed rule has a rewrite, on by default");
        withoutConcurrentIndexes.Rewrites(RuleCatalog.NonConcurrentIndexCreation).Should().BeFalse();
        withoutConcurrentIndexes.Rewrites(RuleCatalog.NonConcurrentIndexDrop).Should().BeFalse();
        withoutConcurrentIndexes.Rewrites(RuleCatalog.ForeignKeyWithoutNotValid).Should().BeTrue();
    }

    [Test]
    public void An_operation_that_opts_out_of_the_rewrite_is_a_finding_again()
    {
        var report = Lint(b => b.CreateIndex("IX_Users_Email", "Users", "Email").Annotation("EfSafeMigrations:SafeRewrite", false),
            rewrites: RewritePolicy.Of(RuleCatalog.NonConcurrentIndexCreation));

        report.Rewrites.Should().BeEmpty();
        report.BlockingFindings.Should().ContainSingle().Which.RuleId.Should().Be("ESM0001");
    }

    [Test]
    public void The_gate_turns_blocking_findings_and_bad_assurances_into_errors_and_the_rest_into_warnings()
    {
        var report = Lint(b =>
        {
            DropAndIndex(b);
            b.AddColumn<string>("Name", "Users", type: "character varying(100)", nullable: true);
        }, typeof(BadlyAssuredMigration));

        var problems = LintPreflightCheck.ToProblems(report);

        problems.Where(p => p.Severity == PreflightSeverity.Error).Select(p => p.Code)
            .Should().BeEquivalentTo(["SafetyAssured", "SafetyAssured", "ESM0018", "ESM0001"]);
        var drop = problems.Single(p => p.Code == "ESM0018");
        drop.Check.Should().Be("lint");
        drop.MigrationId.Should().Be("20260101000000_DropLegacy");
        drop.Message.Should().Contain("DropColumn Users.LegacyCode").And.Contain(RuleCatalog.DropColumn.Why);
        drop.Fix.Should().Contain(RuleCatalog.DropColumn.SafeAlternative).And.Contain("[SafetyAssured(\"ESM0018\"");
        problems.Single(p => p.Code == "ESM0027").Severity.Should().Be(PreflightSeverity.Warning);
    }

    [Test]
    public void The_public_linter_takes_operations_without_a_database()
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.AddColumn<bool>("IsActive", "Users", type: "boolean", nullable: false, defaultValue: true);

        SafeMigrationsLinter.Lint("1_A", builder.Operations).Findings.Should().BeEmpty();
        SafeMigrationsLinter.Lint("1_A", builder.Operations, new LintOptions { TargetPostgresVersion = 10 })
            .Findings.Should().ContainSingle().Which.RuleId.Should().Be("ESM0010");
    }

    [Test]
    public void A_timestamp_to_timestamptz_change_says_when_it_rewrites()
    {
        var report = Lint(b => b.AlterColumn<DateTime>("SeenAt", "Users", type: "timestamp with time zone", oldClrType: typeof(DateTime), oldType: "timestamp without time zone"));

        report.BlockingFindings.Should().ContainSingle(f => f.RuleId == "ESM0014")
            .Which.Message.Should().Contain("unless the session time zone is UTC, on PostgreSQL 12+");
    }

    [Test]
    public void A_raw_SQL_type_change_whose_old_type_is_unknown_is_a_warning_not_an_error()
    {
        var report = Lint(b => b.Sql("ALTER TABLE users ALTER COLUMN name TYPE text;"));

        report.IsBlocking.Should().BeFalse();
        report.Warnings.Should().ContainSingle(f => f.RuleId == "ESM0014").Which.Message.Should().Contain("unknown");
    }
}
