using System.Diagnostics;
using Npgsql;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>
/// N writer connections inserting single rows in a loop, recording when each insert started and how
/// long it took. A DDL statement that blocks writes shows up as one long insert per writer.
/// </summary>
public sealed class WriteLoad : IAsyncDisposable
{
    private readonly List<(long Start, double Ms)>[] _samples;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _writers;

    private WriteLoad(string connectionString, string insertSql, int writers, bool prepare)
    {
        _samples = Enumerable.Range(0, writers).Select(_ => new List<(long, double)>()).ToArray();
        _writers = Enumerable.Range(0, writers)
            .Select(i => Task.Run(() => WriteAsync(connectionString, insertSql, prepare, i, _samples[i], _stop.Token))).ToArray();
    }

    /// <summary>
    /// Starts <paramref name="writers"/> writers running <paramref name="insertSql"/> (parameter @n: a running number; @w, when the
    /// statement uses it: the writer's index, so that writers can address rows of their own).
    /// </summary>
    /// <param name="prepare">Prepare the insert (not through a transaction-pooling PgBouncer 1.18: its server connections change).</param>
    public static WriteLoad Start(string connectionString, string insertSql, int writers, bool prepare = true)
        => new(connectionString, insertSql, writers, prepare);

    /// <summary>Latencies of inserts that were running at any time between the two timestamps.</summary>
    public LatencyStats Between(long fromTimestamp, long toTimestamp)
    {
        var inWindow = new List<double>();
        foreach (var writer in _samples)
        {
            lock (writer)
            {
                inWindow.AddRange(writer
                    .Where(s => s.Start <= toTimestamp && s.Start + (long)(s.Ms * Stopwatch.Frequency / 1000) >= fromTimestamp)
                    .Select(s => s.Ms));
            }
        }

        return LatencyStats.From(inWindow);
    }

    /// <summary>When the slowest insert running between the two timestamps started, in seconds after <paramref name="fromTimestamp"/>.</summary>
    public double WorstStartSeconds(long fromTimestamp, long toTimestamp)
    {
        (long Start, double Ms) worst = (fromTimestamp, 0);
        foreach (var writer in _samples)
        {
            lock (writer)
            {
                foreach (var s in writer.Where(s => s.Start <= toTimestamp && s.Start + (long)(s.Ms * Stopwatch.Frequency / 1000) >= fromTimestamp && s.Ms > worst.Ms))
                {
                    worst = s;
                }
            }
        }

        return (worst.Start - fromTimestamp) / (double)Stopwatch.Frequency;
    }

    /// <summary>Stops the writers and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_writers);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static async Task WriteAsync(
        string connectionString, string insertSql, bool prepare, int writer, List<(long, double)> samples, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stop);
        await using var command = new NpgsqlCommand(insertSql, connection);
        var n = command.Parameters.AddWithValue("n", 0L);
        if (insertSql.Contains("@w", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("w", (long)writer);
        }
        if (prepare)
        {
            await command.PrepareAsync(stop);
        }

        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            n.Value = i;
            var start = Stopwatch.GetTimestamp();
            try
            {
                await command.ExecuteNonQueryAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            lock (samples)
            {
                samples.Add((start, ms));
            }
        }
    }
}
