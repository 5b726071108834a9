using EfSafeMigrations.Push.Internal.Linting;
using EfSafeMigrations.Text;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.Tests.Text;

/// <summary>How statements and timeouts read in plans and warnings: one useful line, durations as people write them.</summary>
public class HumanTextTests
{
    private const string CreateCache = """
        CREATE TABLE public."Cache" (
            "Id" text NOT NULL,
            "Value" bytea NOT NULL,
            "ExpiresAtTime" timestamp with time zone NOT NULL,
            "SlidingExpirationInSeconds" bigint,
            "AbsoluteExpiration" timestamp with time zone,
            CONSTRAINT "PK_Cache" PRIMARY KEY ("Id")
        )
        """;

    [TestCase(900_000, "15 min")]
    [TestCase(2_000, "2 s")]
    [TestCase(100, "100 ms")]
    [TestCase(1_500, "1.5 s")]
    [TestCase(3_600_000, "1 h")]
    [TestCase(90_000, "90 s")]
    [TestCase(61_500, "1 min 1.5 s")]
    public void Timeouts_read_in_the_largest_exact_unit(int milliseconds, string expected)
        => DurationText.Setting(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);

    [Test]
    public void A_long_multi_line_statement_becomes_one_line_cut_at_a_word()
    {
        var line = SqlSummary.OneLine(CreateCache, 80);

        line.Should().Be("CREATE TABLE public.\"Cache\" ( \"Id\" text NOT NULL, \"Value\" bytea NOT NULL...");
        line.Length.Should().BeLessThanOrEqualTo(80);
    }

    [Test]
    public void A_short_statement_is_kept_whole()
        => SqlSummary.OneLine("ALTER TABLE t\n    ADD c int", 80).Should().Be("ALTER TABLE t ADD c int");

    [Test]
    public void The_plan_prints_timeouts_as_durations()
    {
        var plan = new MigrationPlan([new PlannedMigration("20260101000000_Init", MigrationDirection.Up, null,
            [new PlanStep(1, true, [new PlannedStatement("CREATE TABLE t (id int)", PlannedStatementKind.Ddl,
                TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(15), [])])], 0)]);

        plan.ToString().Should().Contain("lock_timeout escalating up to 2 s, statement_timeout 15 min").And.NotContain("ms,");
    }

    [Test]
    public void A_push_warning_names_the_object_and_shows_the_statement_on_one_line()
    {
        using var context = new DbContext(new DbContextOptionsBuilder().UseNpgsql("Host=localhost;Database=warnings").Options);
        var step = new PushStep(PushStepKind.CreateTable, "public.Cache", CreateCache.Replace("text NOT NULL", "varchar(449) NOT NULL", StringComparison.Ordinal),
            dataLoss: null, allowListEntry: null, allowed: true);

        var warning = new CataloguePushPlanLinter().Lint(context, [step], 15).Should().ContainSingle().Subject;

        warning.Should().Contain("(step 1, public.Cache: CREATE TABLE public.\"Cache\" ( \"Id\" varchar(449) NOT NULL,").And.EndWith("...)");
        warning.Should().NotContain("\n");
    }
}
