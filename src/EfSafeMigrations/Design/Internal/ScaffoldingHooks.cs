using Microsoft.Extensions.DependencyInjection;

namespace EfSafeMigrations.Design.Internal;

/// <summary>The list of scaffolding hooks, in the order they run. One line per feature.</summary>
internal static class ScaffoldingHooks
{
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
