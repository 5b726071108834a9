using System.Globalization;
using System.Text;
using EfSafeMigrations.Benchmarks.Scenarios;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>Renders a report as Markdown tables (pasted into the README as they are).</summary>
public static class ResultTable
{
    public static string Render(BenchReport report)
    {
        var text = new StringBuilder();
        if (report.Ddl is { } rows && report.NoiseFloor is { } floor)
        {
            text.AppendLine(Invariant($"Write latency while a migration runs ({report.Settings.Rows:N0} rows, {report.Settings.Writers} writers, median of {report.Settings.Repeat} runs; {report.Machine})."));
            text.AppendLine(Invariant($"No-DDL noise floor: worst {floor.WorstMs:0} ms, p99 {floor.P99Ms:0.0} ms."));
            text.AppendLine();
            text.AppendLine("| operation | plain EF worst | plain EF p99 | safe worst | safe p99 | safe worst / floor | plain duration | safe duration |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in rows)
            {
                var ratio = floor.WorstMs > 0 ? row.Safe.Writes.WorstMs / floor.WorstMs : double.NaN;
                text.AppendLine(Invariant(
                    $"| {row.Scenario} | {row.Plain.Writes.WorstMs:0} ms | {row.Plain.Writes.P99Ms:0} ms | {Safe(row.Safe, r => r.Writes.WorstMs)} | {Safe(row.Safe, r => r.Writes.P99Ms)} | {ratio:0.0}x | {row.Plain.MigrationMs:0} ms | {Safe(row.Safe, r => r.MigrationMs)} |"));
            }

            text.AppendLine();
        }

        if (report.NoOpStartup is { } noop)
        {
            text.AppendLine(Invariant($"Start-up with nothing pending ({noop.Migrations} applied migrations, median of 7):"));
            text.AppendLine();
            text.AppendLine("| | time | round trips |");
            text.AppendLine("|---|---:|---:|");
            text.AppendLine(Invariant($"| plain EF MigrateAsync | {noop.PlainMedianMs:0.0} ms | {noop.PlainRoundTrips} |"));
            text.AppendLine(noop.SafeError is null
                ? Invariant($"| MigrateSafelyAsync | {noop.SafeMedianMs:0.0} ms | {noop.SafeRoundTrips} |")
                : $"| MigrateSafelyAsync | failed: {noop.SafeError} | |");
        }

        if (report.Tenants is { } tenants)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Tenants: {tenants.Tenants} schemas of one database, 3 migrations each, 8 at a time: {tenants.ParallelSeconds:0.0} s ({tenants.ParallelMsPerTenant:0} ms per tenant); one at a time ({tenants.SequentialTenants} schemas): {tenants.SequentialMsPerTenant:0} ms per tenant; speed-up {tenants.Speedup:0.0}x; managed heap {tenants.HeapBeforeMb:0.0} MB before, {tenants.HeapAfterMb:0.0} MB after; {tenants.Failed} failed."));
        }

        if (report.Planning is { } plan)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Planning a fresh install of {plan.Migrations} migrations (median of 5): MigrateSafelyAsync dry run (plan, lint gate, journal) {plan.DryRunMedianMs:0} ms, {plan.Errors} gate errors; EF's GenerateScript for the same migrations {plan.EfScriptMedianMs:0} ms."));
            text.AppendLine(Invariant($"  Each with a Designer model: dry run {plan.DesignerDryRunMedianMs:0} ms; EF's GenerateScript {plan.DesignerEfScriptMedianMs:0} ms (it builds every migration's model)."));
        }

        if (report.Lint is { } lint)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Linting {lint.Migrations:N0} migrations of {lint.OperationsEach} operations each (no database, median of 5): {lint.MedianMs:0} ms, {lint.Findings:N0} findings."));
        }

        if (report.LargeSqlStepLint is { } large)
        {
            text.AppendLine(Invariant($"Linting one Sql() step of {large.Statements:N0} statements (median of 5, goal < 1 s): {large.MedianMs:0} ms, {large.Findings:N0} findings."));
        }

        if (report.Push is { } push)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Push plan time, {push.Tables}-table model (median of 3): identical database {push.IdenticalMedianMs:0} ms ({push.IdenticalSteps} steps); {push.ChangedTables} tables changed {push.ChangedMedianMs:0} ms ({push.ChangedSteps} steps)."));
        }

        if (report.Backfill is { } backfill)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Data migration over every row ({report.Settings.Rows:N0} rows, {report.Settings.Writers} writers inserting; Backfill in batches of {BackfillBenchmark.BatchSize:N0}; median of {report.Settings.Repeat} alternating runs; {report.Machine})."));
            text.AppendLine(Invariant($"No-DDL noise floor: worst {backfill.NoiseFloor.WorstMs:0} ms, p99 {backfill.NoiseFloor.P99Ms:0.0} ms."));
            text.AppendLine();
            text.AppendLine("| form | worst insert | p99 insert | worst / floor | duration | rows/s | table before | table after | rows after | checkpoints |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var run in new[] { backfill.Plain, backfill.Backfill, backfill.Paused })
            {
                var ratio = backfill.NoiseFloor.WorstMs > 0 ? run.Writes.WorstMs / backfill.NoiseFloor.WorstMs : double.NaN;
                text.AppendLine(run.Error is not null
                    ? $"| {run.Mode} | failed: {run.Error} | | | | | | | | |"
                    : Invariant($"| {run.Mode} | {run.Writes.WorstMs:0} ms | {run.Writes.P99Ms:0.0} ms | {ratio:0.0}x | {run.Ms / 1000:0.0} s | {run.RowsPerSecond:N0} | {run.SizeBeforeBytes / 1048576.0:0} MB | {run.SizeAfterBytes / 1048576.0:0} MB | {run.RowsAfter:N0} | {run.Checkpoints} |"));
            }
        }

        ExpandResultTable.Render(report, text);
        return text.ToString();
    }

    private static string Safe(Scenarios.DdlUnderLoadBenchmark.Run run, Func<Scenarios.DdlUnderLoadBenchmark.Run, double> value)
        => run.Error is null ? Invariant($"{value(run):0} ms") : "failed";

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
