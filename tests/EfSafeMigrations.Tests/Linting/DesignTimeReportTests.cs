using EfSafeMigrations.Design.Internal;
using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.Linting;

public class DesignTimeReportTests
{
    [Test]
    public void Migrations_add_prints_each_finding_with_why_and_the_safe_alternative_and_never_fails()
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.DropColumn("legacy_code", "accounts");
        builder.AddColumn<string>("name", "accounts", type: "character varying(100)", nullable: true);
        builder.CreateIndex("ix_accounts_email", "accounts", "email");
        var report = MigrationLinter.Lint([new MigrationToLint("20260101_Changes", builder.Operations)],
            new LintSettings(new LintOptions(), null, RewritePolicy.Of(RuleCatalog.NonConcurrentIndexCreation)));
        var reporter = new CapturingReporter();

        LintScaffoldingHook.Print(report, reporter, "20260101_Changes");

        reporter.Errors.Should().BeEmpty("findings never fail the scaffold");
        reporter.Warnings[0].Should().Be("EfSafeMigrations: migration '20260101_Changes' has 2 dangerous operation(s); 1 will be refused by MigrateSafelyAsync unless assured.");
        reporter.Warnings[1].Should().StartWith("ESM0018 error: 20260101_Changes, operation 1 (DropColumn accounts.legacy_code): Column accounts.legacy_code is dropped.")
            .And.Contain("Why: " + RuleCatalog.DropColumn.Why).And.Contain("Safe alternative: " + RuleCatalog.DropColumn.SafeAlternative)
            .And.Contain("[SafetyAssured(\"ESM0018\", Reason = \"...\")] on migration 20260101_Changes");
        reporter.Warnings[2].Should().StartWith("ESM0027 warning").And.NotContain("refuses");
        reporter.Information.Should().ContainSingle().Which.Should().StartWith("EfSafeMigrations: ESM0001 rewritten");
    }

    private sealed class CapturingReporter : IOperationReporter
    {
        public List<string> Errors { get; } = [];

        public List<string> Warnings { get; } = [];

        public List<string> Information { get; } = [];

        public void WriteError(string message) => Errors.Add(message);

        public void WriteWarning(string message) => Warnings.Add(message);

        public void WriteInformation(string message) => Information.Add(message);

        public void WriteVerbose(string message)
        {
        }
    }
}
