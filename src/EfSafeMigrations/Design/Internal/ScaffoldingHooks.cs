using EfSafeMigrations.Design.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EfSafeMigrations.Design.Internal;

/// <summary>The list of scaffolding hooks, in the order they run. One line per feature.</summary>
internal static class ScaffoldingHooks
{
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationScaffoldingHook, LintScaffoldingHook>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationScaffoldingHook, JournalFileHook>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationScaffoldingHook, ExpandContractScaffoldingHook>());
    }
}
