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
        serviceCollection.Replace(ServiceDescriptor.Scoped<IMigrationsScaffolder, SafeMigrationsScaffolder>());
        ScaffoldingHooks.Register(serviceCollection);
    }
}
