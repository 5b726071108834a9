using EfSafeMigrations.CommandLine.Internal.Output;

namespace EfSafeMigrations.CommandLine.Internal.Rendering;

/// <summary>
/// Turns <c>MigrateSafelyAsync</c>'s progress reports into the progress display: on a terminal, a live line
/// naming the migration and step being applied (with its running time: an index build may take minutes);
/// otherwise one plain line per migration, retry, lock wait and wait for an earlier run's index build. A backfill updates the
/// live line after every batch (rows, rate, time left) and prints a line every 30 s.
/// </summary>
internal sealed class MigrationProgress(ProgressDisplay display) : IProgress<SafeMigrationProgress>
{
    private static readonly TimeSpan BackfillLineInterval = TimeSpan.FromSeconds(30);

    private readonly List<string> _completed = [];
    private readonly System.Diagnostics.Stopwatch _sinceBackfillLine = new();
    private int? _stepsTotal;

    /// <summary>The migrations this run applied or reverted so far (what was done, when the run is stopped).</summary>
    public IReadOnlyList<string> Completed => _completed;

    /// <summary>The migration being applied or reverted; null between migrations.</summary>
    public string? Running { get; private set; }

    public void Report(SafeMigrationProgress value)
    {
        switch (value.Stage)
        {
            case SafeMigrationStage.WaitingForLock:
                display.Start("waiting for the migration lock: another migrator is running");
                break;
            case SafeMigrationStage.LockAcquired:
                display.Stop();
                break;
            case SafeMigrationStage.MigrationStarting:
                Running = value.MigrationId;
                _stepsTotal = value.StepsTotal;
                display.Start($"{value.MigrationId}: step {value.Step ?? 1} of {value.StepsTotal}");
                break;
            case SafeMigrationStage.StatementCompleted:
                display.Update($"{value.MigrationId}: step {Math.Min((value.Step ?? 0) + 1, _stepsTotal ?? int.MaxValue)} of {_stepsTotal}");
                break;
            case SafeMigrationStage.Backfilling:
                // The live line follows every batch; logs get a line now and then, not one per batch.
                display.Update($"{value.MigrationId}: step {value.Step} of {_stepsTotal}, {value.Message}");
                if (!_sinceBackfillLine.IsRunning || _sinceBackfillLine.Elapsed >= BackfillLineInterval)
                {
                    display.Event($"{value.MigrationId}: step {value.Step}: {value.Message}");
                    _sinceBackfillLine.Restart();
                }

                break;
            case SafeMigrationStage.Retrying or SafeMigrationStage.WaitingForIndexBuild:
                display.Event(value.Message);
                break;
            case SafeMigrationStage.MigrationCompleted:
                _completed.Add(value.MigrationId!);
                Running = null;
                display.Event(value.Message);
                display.Stop();
                break;
            case SafeMigrationStage.Completed:
                display.Stop();
                break;
        }
    }
}
