using EfSafeMigrations.IntegrationTests.SafeApply;
using Microsoft.Extensions.Logging;

namespace EfSafeMigrations.IntegrationTests.Deployment;

/// <summary>Hands one <see cref="ListLogger"/> to every category: what a context's logger factory gives the migrator.</summary>
internal sealed class ListLoggerProvider(ListLogger logger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
