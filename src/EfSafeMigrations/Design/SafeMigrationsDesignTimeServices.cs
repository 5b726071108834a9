using System.Runtime.CompilerServices;
using EfSafeMigrations.Design.Internal;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EfSafeMigrations.Design;

/// <summary>
/// EfSafeMigrations' services for <c>dotnet ef</c>. Referenced from the user's assembly by the
/// package's build targets (no user code); runs after EF's and Npgsql's design-time services, so it
/// replaces what it overrides.
/// </summary>
public sealed class SafeMigrationsDesignTimeServices : IDesignTimeServices
{
    /// <inheritdoc />
    public void ConfigureDesignTimeServices(IServiceCollection serviceCollection)
    {
        ArgumentNullException.ThrowIfNull(serviceCollection);
        try
        {
            RegisterScaffolding(serviceCollection);
        }
        catch (FileNotFoundException missing) when (missing.FileName?.StartsWith("Microsoft.EntityFrameworkCore.Design,", StringComparison.Ordinal) == true)
        {
            // A migration bundle carries the app's own EF design package, which may be older than the one this library was
            // built with. A bundle only updates databases (through the runtime migrator), so it needs no scaffolding hooks;
            // dotnet ef itself resolves the newer package from the NuGet cache and keeps them.
            Console.Error.WriteLine(
                $"EfSafeMigrations: scaffolding hooks are off in this process ({missing.FileName} is not available; the app references an " +
                "older Microsoft.EntityFrameworkCore.Design). Migrating is not affected; update the Design package to keep them everywhere.");
        }
    }

    // Separate and never inlined: the types from EF's design package load when this method is compiled, not before.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterScaffolding(IServiceCollection serviceCollection)
    {
        serviceCollection.Replace(ServiceDescriptor.Scoped<IMigrationsScaffolder, SafeMigrationsScaffolder>());
        // EF's C# generators throw on operations they do not know: these also write the expand/contract operations.
        serviceCollection.Replace(ServiceDescriptor.Singleton<ICSharpMigrationOperationGenerator, ExpansionCodeGenerator>());
        serviceCollection.Replace(ServiceDescriptor.Singleton<IMigrationsCodeGenerator, ExpansionMigrationsGenerator>());
        ScaffoldingHooks.Register(serviceCollection);
    }
}
