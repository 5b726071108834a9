using System.Diagnostics;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>Counts commands sent to the server, through Npgsql's tracing (one activity per command or batch).</summary>
public sealed class RoundTripCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public RoundTripCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = _ => Interlocked.Increment(ref _count),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public void Dispose() => _listener.Dispose();
}
