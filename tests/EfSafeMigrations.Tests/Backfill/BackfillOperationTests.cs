using EfSafeMigrations.Backfill.Internal;
using EfSafeMigrations.Journal.Checksums;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.Backfill;

/// <summary>The operation as the linter, the checksum and the throttle see it (no database).</summary>
public class BackfillOperationTests
{
    [Test]
    public void The_linter_reports_raw_UPDATE_and_DELETE_but_not_Backfill()
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.Backfill("users", set: "country = 'NL'", where: "country IS NULL", batchSize: 5_000);
        builder.Backfill<Row>("users", r => r with { Country = "NL" });
        builder.Sql("UPDATE users SET country = 'NL' WHERE country IS NULL;");
        builder.Sql("DELETE FROM sessions;");

        SafeMigrationsLinter.Lint("1_A", builder.Operations).Findings.Select(f => f.RuleId).Should().Equal("ESM0030", "ESM0030");
    }

    [Test]
    public void The_checksum_covers_every_setting_and_the_typed_form_by_row_type_and_columns()
    {
        static string Canonical(Action<MigrationBuilder> build)
        {
            var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
            build(builder);
            return CanonicalOperationWriter.Write(builder.Operations);
        }

        var sql = Canonical(b => b.Backfill("users", set: "country = 'NL'", where: "country IS NULL", batchSize: 5_000, pause: TimeSpan.FromMilliseconds(50)));
        sql.Should().Contain("BackfillOperation(").And.Contain("BatchSize=5000").And.Contain("Set=\"country = 'NL'\"").And.Contain("Table=\"users\"")
            .And.Contain("Where=\"country IS NULL\"").And.Contain("Pause=");
        sql.Should().NotBe(Canonical(b => b.Backfill("users", set: "country = 'BE'", where: "country IS NULL", batchSize: 5_000, pause: TimeSpan.FromMilliseconds(50))));
        sql.Should().Be(Canonical(b => b.Backfill("users", set: "country = 'NL'", where: "country IS NULL", batchSize: 5_000, pause: TimeSpan.FromMilliseconds(50))));

        var typed = Canonical(b => b.Backfill<Row>("users", r => r with { Country = "NL" }));
        typed.Should().Contain("RowType=\"Row\"").And.Contain("RowColumns=[\"country\",\"name\"]").And.NotContain("Typed");
    }

    [Test]
    public void The_typed_form_refuses_a_row_type_it_cannot_build()
        => FluentActions.Invoking(() => new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL").Backfill<NoColumns>("users", r => r))
            .Should().Throw<ArgumentException>().WithMessage("*no public properties*");

    [TestCase(0, 1000, 100, false, 0)] // no pause asked, no pressure
    [TestCase(50, 1000, 100, false, 50)] // the migration's pause
    [TestCase(0, 1000, 100, true, 100)] // the batch waited for locks: writers get its duration back
    public void The_throttle_pauses_as_asked_and_backs_off_after_lock_waits(int pauseMs, long walked, int batchMs, bool waited, int expectedMs)
    {
        var throttle = new BackfillThrottle(new BackfillOperation { Table = "t", Pause = TimeSpan.FromMilliseconds(pauseMs) });
        throttle.PauseAfter(walked, TimeSpan.FromMilliseconds(batchMs), waited).Should().Be(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Test]
    public void The_throttle_holds_a_rows_per_second_limit_and_backs_off_after_a_batch_far_slower_than_usual()
    {
        var limited = new BackfillThrottle(new BackfillOperation { Table = "t", MaxRowsPerSecond = 10_000 });
        limited.PauseAfter(5_000, TimeSpan.FromMilliseconds(100), false).Should().Be(TimeSpan.FromMilliseconds(400), "5,000 rows at 10,000 rows/s take 500 ms");

        var throttle = new BackfillThrottle(new BackfillOperation { Table = "t" });
        throttle.PauseAfter(1000, TimeSpan.FromMilliseconds(20), false).Should().Be(TimeSpan.Zero);
        throttle.PauseAfter(1000, TimeSpan.FromMilliseconds(20), false).Should().Be(TimeSpan.Zero);
        throttle.PauseAfter(1000, TimeSpan.FromMilliseconds(500), false).Should().Be(TimeSpan.FromMilliseconds(500), "25x the usual batch: the server is under pressure");
    }

    [Test]
    public void Progress_gives_rate_and_time_left_against_the_estimate()
    {
        var progress = new BackfillRate(10_000, 0).Progress("\"users\"", 0, 0, 0);
        progress.Remaining.Should().BeNull("nothing walked yet: no rate");
        BackfillRate.Describe(progress with { RowsWalked = 2_500, RowsUpdated = 2_000, Batches = 3, RowsPerSecond = 500, Remaining = TimeSpan.FromSeconds(15) })
            .Should().Be("backfilling \"users\": 2,500 of ~10,000 rows (25%), 2,000 changed, 3 batches, 500 rows/s, about 15 s left");
    }

    public sealed record Row([property: System.ComponentModel.DataAnnotations.Schema.Column("country")] string? Country, [property: System.ComponentModel.DataAnnotations.Schema.Column("name")] string Name);

    public sealed class NoColumns;
}
