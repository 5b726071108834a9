using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>Collects log events so tests can assert on them.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Events { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Events.Enqueue((logLevel, eventId, formatter(state, exception) + (exception is null ? string.Empty : " | " + exception.Message)));

    public string AllText => string.Join("\n", Events.Select(e => e.Message));
}
