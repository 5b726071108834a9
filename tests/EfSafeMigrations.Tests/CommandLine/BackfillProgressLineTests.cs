using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Rendering;

namespace EfSafeMigrations.Tests.CommandLine;

/// <summary>The migrate command's display of a running backfill in a log (no terminal): a line now and then, not one per batch.</summary>
public class BackfillProgressLineTests
{
    [Test]
    public void A_log_gets_the_first_batch_line_and_then_one_every_30_seconds()
    {
        var text = new StringWriter();
        using var display = new ProgressDisplay(text, live: false, colour: false);
        var progress = new MigrationProgress(display);
        progress.Report(new SafeMigrationProgress(SafeMigrationStage.MigrationStarting, "1_Backfill", 1, 2, "starting"));
        for (var batch = 1; batch <= 3; batch++)
        {
            progress.Report(new SafeMigrationProgress(SafeMigrationStage.Backfilling, "1_Backfill", 1, null, $"backfilling users: {batch * 1000} rows"));
        }

        text.ToString().Should().Contain("1_Backfill: step 1: backfilling users: 1000 rows").And.NotContain("2000 rows");
    }
}
