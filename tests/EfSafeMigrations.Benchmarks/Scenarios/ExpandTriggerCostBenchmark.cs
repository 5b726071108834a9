using System.Diagnostics;
using EfSafeMigrations.Benchmarks.Harness;
using Npgsql;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>
/// What the expand's sync trigger costs the application's writes while both versions run: the same statements on the same
/// table, once as it was before the expand and once with the expand applied (its trigger), side by side in one run.
/// </summary>
public sealed class ExpandTriggerCostBenchmark(BenchDatabases databases, BenchSettings settings)
{
    /// <summary>How long each single-row workload is measured, after a 0.5 s warm-up.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    /// <summary>One workload: rows written per second without the trigger and with it.</summary>
    public sealed record Throughput(string Workload, double WithoutPerSecond, double WithPerSecond)
    {
        /// <summary>How many times slower the writes are with the trigger (pgroll: about 4.4).</summary>
        public double Slowdown => WithPerSecond > 0 ? WithoutPerSecond / WithPerSecond : double.NaN;
    }

    public sealed record TriggerCost(string Trigger, IReadOnlyList<Throughput> Workloads, string? Error);

    private sealed record Workload(string Name, string Without, string With, bool SingleRows);

    public async Task<IReadOnlyList<TriggerCost>> RunAsync()
    {
        Console.WriteLine($"Preparing the trigger-cost templates ({ExpandScenarios.TriggerRows:N0} rows)...");
        var plain = await databases.CreateAsync("esm_bench_sync_plain", ExpandScenarios.AccountsSql);
        var results = new List<TriggerCost>();
        foreach (var (trigger, index) in ExpandScenarios.Triggers.Select((t, i) => (t, i)))
        {
            string expanded;
            try
            {
                expanded = await ExpandedTemplateAsync(plain, $"esm_bench_sync_{index}", trigger);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                results.Add(new TriggerCost(trigger.Name, [], ex.GetType().Name + ": " + ex.Message.Split('\n')[0]));
                continue;
            }

            Workload[] workloads =
            [
                new($"single-row inserts, old version ({settings.Writers} writers)", trigger.Release1Insert, trigger.Release1Insert, true),
                new($"single-row inserts, new version ({settings.Writers} writers)", trigger.Release1Insert, trigger.Release2Insert, true),
                new($"single-row updates of the synced column ({settings.Writers} writers)", trigger.Update, trigger.Update, true),
                new($"one INSERT ... SELECT of {ExpandScenarios.TriggerRows:N0} rows", ExpandScenarios.SyncTrigger.InsertMany, ExpandScenarios.SyncTrigger.InsertMany, false),
                new("one UPDATE of the synced column in every row", trigger.UpdateAll, trigger.UpdateAll, false),
            ];

            // Repetitions alternate without and with, each on a fresh copy, so that a noisy stretch hits both alike; the
            // median pair (by slowdown) is kept.
            var runs = workloads.ToDictionary(w => w, _ => new List<Throughput>());
            for (var i = 0; i < settings.Repeat; i++)
            {
                var without = await MeasureAsync(plain, workloads.Select(w => w.Without), workloads);
                var with = await MeasureAsync(expanded, workloads.Select(w => w.With), workloads);
                foreach (var (workload, j) in workloads.Select((w, j) => (w, j)))
                {
                    runs[workload].Add(new Throughput(workload.Name, without[j], with[j]));
                }
            }

            var medians = workloads.Select(w => runs[w].OrderBy(t => t.Slowdown).ElementAt(runs[w].Count / 2)).ToList();
            foreach (var m in medians)
            {
                Console.WriteLine($"{trigger.Name}: {m.Workload}: {m.WithoutPerSecond:N0}/s without, {m.WithPerSecond:N0}/s with ({m.Slowdown:0.00}x)");
            }

            results.Add(new TriggerCost(trigger.Name, medians, null));
            await databases.DropAsync(expanded);
        }

        await databases.DropAsync(plain);
        return results;
    }

    // The template with the expand applied (by MigrateSafelyAsync, so the trigger is the one users get), vacuumed like the plain one.
    private async Task<string> ExpandedTemplateAsync(string plain, string name, ExpandScenarios.SyncTrigger trigger)
    {
        await databases.CopyAsync(plain, name);
        var migrations = DelegateMigration.Emit(typeof(BenchContext), [("20260101000000_Expand", trigger.Expand)]);
        await using (var context = new BenchContext(BenchContext.Options(databases.App(name), migrations, safe: true)))
        {
            await SafeMigrator.MigrateAsync(context, safe: true);
        }

        await BenchDatabases.ExecuteAsync(databases.App(name), "VACUUM ANALYZE accounts");
        NpgsqlConnection.ClearAllPools();
        return name;
    }

    /// <summary>Each statement's rows per second, in order, on one fresh copy of <paramref name="template"/>.</summary>
    private async Task<double[]> MeasureAsync(string template, IEnumerable<string> statements, IReadOnlyList<Workload> workloads)
    {
        var database = await databases.CloneAsync(template);
        var connectionString = databases.App(database);
        var rates = new List<double>();
        foreach (var (sql, workload) in statements.Zip(workloads))
        {
            // Each measurement starts right after a checkpoint: the copy and the previous workload filled the WAL.
            await databases.CheckpointAsync();
            rates.Add(workload.SingleRows ? await SingleRowsPerSecondAsync(connectionString, sql) : await OneStatementRowsPerSecondAsync(connectionString, sql));
        }

        await databases.DropAsync(database);
        return [.. rates];
    }

    private async Task<double> SingleRowsPerSecondAsync(string connectionString, string sql)
    {
        await using var load = WriteLoad.Start(connectionString, sql, settings.Writers);
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        var from = Stopwatch.GetTimestamp();
        await Task.Delay(Window);
        var to = Stopwatch.GetTimestamp();
        return load.Between(from, to).Count / Stopwatch.GetElapsedTime(from, to).TotalSeconds;
    }

    private static async Task<double> OneStatementRowsPerSecondAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        var from = Stopwatch.GetTimestamp();
        var rows = await command.ExecuteNonQueryAsync();
        return rows / Stopwatch.GetElapsedTime(from).TotalSeconds;
    }
}
