using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.Linting;

/// <summary>How ESM0033/ESM0034, ESM0046, ESM0050 and ESM0051 depend on the server version, the data preflight and the runner.</summary>
public class IntegrityRuleBehaviourTests
{
    private static LintReport Lint(Action<MigrationBuilder> up, LintSettings settings, Action<MigrationBuilder>? down = null)
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        up(builder);
        var downBuilder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        down?.Invoke(downBuilder);
        return MigrationLinter.Lint(
            [new MigrationToLint("20260101000000_Case", builder.Operations, DownOperations: down is null ? null : downBuilder.Operations)], settings);
    }

    private static LintSettings Version(int? major) => new(new LintOptions(), major, RewritePolicy.None);

    [TestCase(19, "REPACK (CONCURRENTLY)", "pg_repack")]
    [TestCase(15, "pg_repack", "use REPACK")]
    public void Vacuum_full_and_cluster_point_to_the_online_rewrite_of_the_server_version(int major, string advised, string notAdvised)
    {
        var report = Lint(b => b.Sql("VACUUM FULL orders; CLUSTER orders USING ix_orders_created_at;", suppressTransaction: true), Version(major));

        report.Findings.Where(f => f.RuleId is "ESM0033" or "ESM0034").Should().HaveCount(2)
            .And.OnlyContain(f => f.Message.Contains(advised) && !f.Message.Contains(notAdvised));
        report.Findings.Single(f => f.RuleId == "ESM0034").Message.Should().Contain(major >= 19 ? "USING INDEX" : "--order-by");
    }

    [Test]
    public void Vacuum_full_on_an_unknown_version_names_both_alternatives()
        => Lint(b => b.Sql("VACUUM FULL orders;", suppressTransaction: true), Version(null))
            .Findings.Single(f => f.RuleId == "ESM0033").Message.Should().Contain("REPACK (CONCURRENTLY) (PostgreSQL 19+)").And.Contain("pg_repack (before 19)");

    [TestCase("ALTER TYPE order_status RENAME VALUE 'shipped' TO 'dispatched';", "ESM0045", "Value 'shipped' of enum order_status is renamed to 'dispatched'")]
    [TestCase("ALTER TABLE bookings ADD CONSTRAINT ex_room EXCLUDE USING gist (room_id WITH =);", "ESM0044", "Exclusion constraint ex_room is added to existing table bookings")]
    [TestCase("ALTER DOMAIN email SET NOT NULL;", "ESM0049", "ALTER DOMAIN email SET NOT NULL checks every column that uses domain email")]
    [TestCase("ALTER TABLE orders DROP CONSTRAINT \"FK_Orders_Users_UserId\";", "ESM0048", "Foreign key FK_Orders_Users_UserId on table orders is dropped")]
    [TestCase("CREATE TABLE t (id bigint PRIMARY KEY, n smallint);", "ESM0052", "Column t.n is smallint; bigint leaves room to grow")]
    public void Raw_sql_findings_name_the_objects(string sql, string ruleId, string message)
        => Lint(b => b.Sql(sql), Version(null)).Findings.Single(f => f.RuleId == ruleId).Message.Should().Be(message);

    [Test]
    public void A_unique_index_operation_is_informational_when_the_data_preflight_checks_it_and_a_warning_otherwise()
    {
        static void Up(MigrationBuilder b) => b.CreateIndex("IX_Users_Email", "Users", "Email", unique: true)
            .Annotation(SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently, true);

        var preflighted = Lint(Up, LintSettings.For(new SafeMigrationsOptions(), null, appliedByMigrateSafely: true)).Findings.Single(f => f.RuleId == "ESM0046");
        preflighted.Severity.Should().Be(RuleSeverity.Info);
        preflighted.Message.Should().Contain("Unique index IX_Users_Email").And.Contain("INVALID index");

        var withoutPreflight = new SafeMigrationsOptions();
        withoutPreflight.DataPreflight.Enabled = false;
        Lint(Up, LintSettings.For(withoutPreflight, null)).Findings.Single(f => f.RuleId == "ESM0046").Severity.Should().Be(RuleSeverity.Warning);
        Lint(Up, LintSettings.ForPlainEf(null)).Findings.Single(f => f.RuleId == "ESM0046").Severity.Should().Be(RuleSeverity.Warning);
    }

    [Test]
    public void A_unique_index_in_raw_sql_stays_a_warning_the_preflight_does_not_read_sql()
        => Lint(b => b.Sql("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email);", suppressTransaction: true),
                LintSettings.For(new SafeMigrationsOptions(), null, appliedByMigrateSafely: true))
            .Findings.Single(f => f.RuleId == "ESM0046").Severity.Should().Be(RuleSeverity.Warning);

    [Test]
    public void Statement_timeout_is_missing_only_where_nothing_sets_it()
    {
        static void Up(MigrationBuilder b) => b.Sql("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);");
        var noTimeouts = new SafeMigrationsOptions();
        noTimeouts.Rewrites.Timeouts = false;
        var zero = new SafeMigrationsOptions();
        zero.Execution.StatementTimeout = TimeSpan.Zero;

        Lint(Up, LintSettings.ForPlainEf(null)).Findings.Should().Contain(f => f.RuleId == "ESM0050");
        Lint(Up, LintSettings.For(zero, null, appliedByMigrateSafely: true)).Findings.Should().Contain(f => f.RuleId == "ESM0050");
        Lint(Up, LintSettings.For(new SafeMigrationsOptions(), null)).Findings.Should().NotContain(f => f.RuleId == "ESM0050");
        Lint(Up, LintSettings.For(noTimeouts, null, appliedByMigrateSafely: true)).Findings.Should().NotContain(f => f.RuleId == "ESM0050");
    }

    [Test]
    public void A_repeated_concurrent_build_is_reported_only_where_plain_EF_applies_it()
    {
        static void Up(MigrationBuilder b) => b.Sql("CREATE INDEX CONCURRENTLY ix_orders_note ON orders (note);", suppressTransaction: true);

        Lint(Up, LintSettings.For(new SafeMigrationsOptions(), null, appliedByMigrateSafely: true)).Findings.Should().NotContain(f => f.RuleId == "ESM0047");
        Lint(Up, LintSettings.ForPlainEf(null)).Findings.Should().Contain(f => f.RuleId == "ESM0047");
        Lint(b => b.Sql("DROP INDEX CONCURRENTLY ix_orders_note;", suppressTransaction: true), LintSettings.For(new SafeMigrationsOptions(), null, appliedByMigrateSafely: true))
            .Findings.Should().Contain(f => f.RuleId == "ESM0047", "only builds are resumed");
    }

    [Test]
    public void A_destructive_up_with_an_empty_down_is_reported_once_at_the_first_loss_and_not_when_the_down_is_unknown()
    {
        static void Up(MigrationBuilder b)
        {
            b.AddColumn<string>("Note", "Users", type: "text", nullable: true);
            b.DropColumn("LegacyCode", "Users");
            b.DropTable("AuditLog");
        }

        var finding = Lint(Up, Version(null), down: _ => { }).Findings.Single(f => f.RuleId == "ESM0051");
        finding.OperationIndex.Should().Be(1);
        finding.Message.Should().Be("Column Users.LegacyCode is dropped, and the migration's Down is empty: it cannot be rolled back");

        Lint(Up, Version(null)).Findings.Should().NotContain(f => f.RuleId == "ESM0051");
    }
}

/// <summary>Reading a compiled migration's Down for ESM0051 never fails the lint.</summary>
public class DownOperationsTests
{
    private sealed class WithoutDown : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("LegacyCode", "Users");
    }

    private sealed class ThrowingDown : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("LegacyCode", "Users");

        protected override void Down(MigrationBuilder migrationBuilder) => throw new InvalidOperationException("needs a service");
    }

    [Test]
    public void A_Down_that_is_not_overridden_is_empty_and_one_that_throws_is_unknown()
    {
        DownOperations.Of(new WithoutDown()).Should().BeEmpty();
        DownOperations.Of(new ThrowingDown()).Should().BeNull();
    }
}
