using EfSafeMigrations.Execution;
using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.Linting;

/// <summary>
/// A run's pending migrations are linted in order: a table an earlier one creates, and that the database did not have
/// before the run, is exempt in the later ones as it is in the rest of its own migration (a fresh install).
/// </summary>
public class RunLevelNewTableTests
{
    private static MigrationToLint Migration(string id, Action<MigrationBuilder> up)
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        up(builder);
        return new MigrationToLint(id, builder.Operations);
    }

    private static readonly MigrationToLint CreateOrders = Migration("20260101000001_CreateOrders", b => b.CreateTable(
        name: "Orders",
        columns: t => new { Id = t.Column<int>(type: "integer", nullable: false), Note = t.Column<string>(type: "text", nullable: true) },
        constraints: t => t.PrimaryKey("PK_Orders", x => x.Id)));

    private static readonly MigrationToLint ChangeOrders = Migration("20260101000002_ChangeOrders", b =>
    {
        b.AlterColumn<long>(name: "Id", table: "Orders", type: "bigint", nullable: false, oldClrType: typeof(int), oldType: "integer");
        b.RenameColumn(name: "Note", table: "Orders", newName: "Remark");
        b.CreateIndex(name: "IX_Orders_Remark", table: "Orders", column: "Remark");
        b.RenameTable(name: "Orders", newName: "PurchaseOrders");
    });

    private static readonly MigrationToLint DropFromRenamed = Migration("20260101000003_DropRemark", b =>
        b.DropColumn(name: "Remark", table: "PurchaseOrders"));

    private static LintReport Lint(IReadOnlySet<string>? tablesBeforeRun)
        => MigrationLinter.Lint([CreateOrders, ChangeOrders, DropFromRenamed],
            new LintSettings(new LintOptions(), null, RewritePolicy.None) { TablesBeforeRun = tablesBeforeRun });

    [Test]
    public void On_a_fresh_database_tables_created_earlier_in_the_run_are_exempt_also_after_a_rename()
    {
        var report = Lint(new HashSet<string>());

        report.Findings.Where(f => f.MigrationId != CreateOrders.Id).Should().BeEmpty();
        report.IsBlocking.Should().BeFalse();
    }

    [Test]
    public void A_table_the_database_already_had_is_not_exempt_even_if_a_pending_migration_creates_it()
    {
        // A resumed run: an earlier attempt created and committed Orders, which may hold rows by now.
        var report = Lint(new HashSet<string> { "Orders" });

        report.BlockingFindings.Select(f => f.RuleId).Should().Contain(["ESM0014", "ESM0015", "ESM0016", "ESM0018"]);
    }

    [Test]
    public void Without_the_database_state_each_migration_is_linted_on_its_own()
    {
        var report = Lint(tablesBeforeRun: null);

        report.BlockingFindings.Select(f => f.MigrationId).Should().Contain(ChangeOrders.Id).And.Contain(DropFromRenamed.Id);
    }

    [Test]
    public void A_stopped_run_says_what_kind_of_errors_first_then_one_error_per_line()
    {
        var report = Lint(new HashSet<string> { "Orders", "PurchaseOrders" });
        var errors = LintPreflightCheck.ToProblems(report).Where(p => p.Severity == PreflightSeverity.Error).ToList();

        var lines = PreflightErrorMessage.For(errors).Split('\n');

        lines[0].Should().StartWith($"Preflight checks found {errors.Count} error(s) in 2 migration(s); nothing was applied. By code: ")
            .And.Contain("ESM0018 (" + RuleCatalog.DropColumn.Title + ") x1");
        lines.Should().HaveCount(errors.Count + 1);
        lines.Skip(1).Should().OnlyContain(l => l.StartsWith("- [lint ESM", StringComparison.Ordinal) && l.Contains(" Fix: "));
    }
}
