using System.Collections.Concurrent;

namespace EfSafeMigrations.Tenants.Internal;

/// <summary>
/// Runs one job per target with bounded parallelism (overall and per server) and the failure policy: canaries
/// first, then the rest unless a canary failed; no new target once <see cref="TenantMigrationOptions.StopAfterFailures"/>
/// targets failed. Targets left out are reported by <c>notRun</c>, in the order the targets were given.
/// </summary>
internal sealed class TenantScheduler<TResult>(
    TenantMigrationOptions options,
    Func<TenantTarget, bool, CancellationToken, Task<TResult>> run,
    Func<TResult, bool> failed,
    Func<TenantTarget, TResult> notRun)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _servers = new(StringComparer.Ordinal);
    private int _failures;

    public string? StoppedBecause { get; private set; }

    public async Task<IReadOnlyList<TResult>> RunAsync(IReadOnlyList<TenantTarget> targets, CancellationToken cancellationToken)
    {
        var results = new TResult?[targets.Count];
        var canaries = Indexes(targets, t => options.CanaryTargets.Contains(t.Name));
        await RunPhaseAsync(targets, canaries, canary: true, results, cancellationToken).ConfigureAwait(false);
        if (canaries.Any(i => failed(results[i]!)))
        {
            StoppedBecause = $"canary target(s) failed ({string.Join(", ", canaries.Where(i => failed(results[i]!)).Select(i => targets[i].Name))}): " +
                             "no other target was started.";
        }
        else
        {
            await RunPhaseAsync(targets, Indexes(targets, t => !options.CanaryTargets.Contains(t.Name)), canary: false, results, cancellationToken)
                .ConfigureAwait(false);
        }

        return [.. results.Select((r, i) => r ?? notRun(targets[i]))];
    }

    private async Task RunPhaseAsync(
        IReadOnlyList<TenantTarget> targets, IReadOnlyList<int> phase, bool canary, TResult?[] results, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(InterleavedByServer(targets, phase), parallel, async (index, token) =>
        {
            if (TooManyFailures())
            {
                return;
            }

            var server = _servers.GetOrAdd(TargetSet.Server(targets[index]), _ => new SemaphoreSlim(options.MaxParallelismPerServer));
            await server.WaitAsync(token).ConfigureAwait(false);
            try
            {
                if (TooManyFailures())
                {
                    return;
                }

                var result = await run(targets[index], canary, token).ConfigureAwait(false);
                results[index] = result;
                if (failed(result))
                {
                    Interlocked.Increment(ref _failures);
                }
            }
            finally
            {
                server.Release();
            }
        }).ConfigureAwait(false);
    }

    private bool TooManyFailures()
    {
        if (options.StopAfterFailures is not { } limit || Volatile.Read(ref _failures) < limit)
        {
            return false;
        }

        StoppedBecause ??= $"{limit} target(s) failed (StopAfterFailures): no further target was started.";
        return true;
    }

    private static List<int> Indexes(IReadOnlyList<TenantTarget> targets, Func<TenantTarget, bool> include)
        => [.. Enumerable.Range(0, targets.Count).Where(i => include(targets[i]))];

    // Round-robin over servers, so the per-server limit rarely holds a parallel slot waiting while another server idles.
    private static IEnumerable<int> InterleavedByServer(IReadOnlyList<TenantTarget> targets, IReadOnlyList<int> phase)
    {
        var queues = phase.GroupBy(i => TargetSet.Server(targets[i])).Select(g => new Queue<int>(g)).ToList();
        while (queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                yield return queue.Dequeue();
            }
        }
    }
}
