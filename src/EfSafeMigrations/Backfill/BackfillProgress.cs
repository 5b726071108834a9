namespace EfSafeMigrations;

/// <summary>Where a running backfill is (<see cref="SafeMigrationProgress.Backfill"/>, stage <see cref="SafeMigrationStage.Backfilling"/>).</summary>
/// <param name="Table">The table walked.</param>
/// <param name="RowsWalked">Rows walked so far (all runs), matching or not.</param>
/// <param name="RowsUpdated">Rows changed so far (all runs).</param>
/// <param name="EstimatedRows">The table's row estimate (<c>pg_class.reltuples</c>); <see langword="null"/>: not known yet (never analysed).</param>
/// <param name="Batches">Batches committed so far (all runs).</param>
/// <param name="RowsPerSecond">Rows walked per second in this run.</param>
/// <param name="Remaining">Estimated time left; <see langword="null"/>: unknown.</param>
public sealed record BackfillProgress(
    string Table, long RowsWalked, long RowsUpdated, long? EstimatedRows, int Batches, double RowsPerSecond, TimeSpan? Remaining);

/// <summary>What a backfill did in a run (<see cref="SafeMigrationReport.Backfills"/>).</summary>
/// <param name="MigrationId">The migration it belongs to.</param>
/// <param name="Step">Its step in that migration.</param>
/// <param name="Table">The table walked.</param>
/// <param name="RowsWalked">Rows walked, all runs together.</param>
/// <param name="RowsUpdated">Rows changed, all runs together.</param>
/// <param name="Batches">Batches committed, all runs together.</param>
/// <param name="Duration">Time spent in this run.</param>
/// <param name="ResumedAfterBatch">Batches an earlier, stopped run had committed (0: started from the first key).</param>
public sealed record BackfillOutcome(
    string MigrationId, int Step, string Table, long RowsWalked, long RowsUpdated, int Batches, TimeSpan Duration, int ResumedAfterBatch);
