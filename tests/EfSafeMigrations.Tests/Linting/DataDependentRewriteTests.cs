using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.Linting;

/// <summary>A rewrite that can still fail on existing rows is never reported as harmless.</summary>
public class DataDependentRewriteTests
{
    private static LintReport Lint(bool dataPreflight)
    {
        var options = new SafeMigrationsOptions();
        options.DataPreflight.Enabled = dataPreflight;
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.AlterColumn<string>("Email", "Users", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true);
        builder.AddUniqueConstraint("AK_Users_Email", "Users", "Email");
        builder.CreateIndex("IX_Users_Name", "Users", "Name");
        return MigrationLinter.Lint(
            [new MigrationToLint("20260101000000_Required", builder.Operations, null)],
            new LintSettings(options.Lint, null, RewritePolicy.From(options)));
    }

    [Test]
    public void With_the_data_preflight_on_the_rewrite_says_existing_rows_are_checked_before_anything_runs()
    {
        var report = Lint(dataPreflight: true);
        report.Rewrites.Select(f => f.RuleId).Should().Equal("ESM0007", "ESM0013", "ESM0001");
        report.Rewrites.Should().OnlyContain(f => f.Severity == RuleSeverity.Info);
        report.Rewrites[0].ToString().Should().Contain("the data preflight checks them before anything runs");
        report.Rewrites[2].ToString().Should().NotContain("data preflight", "a concurrent index cannot fail on rows");
        LintPreflightCheck.ToProblems(report).Should().BeEmpty();
    }

    [Test]
    public void With_the_data_preflight_off_the_rewrites_that_can_fail_on_rows_are_warnings()
    {
        var report = Lint(dataPreflight: false);
        report.Rewrites.Where(f => f.Severity == RuleSeverity.Warning).Select(f => f.RuleId).Should().Equal("ESM0007", "ESM0013");
        report.IsBlocking.Should().BeFalse();
        LintPreflightCheck.ToProblems(report).Should().HaveCount(2)
            .And.OnlyContain(p => p.Severity == Execution.PreflightSeverity.Warning && p.Message.Contains("data preflight is off"));
    }
}
