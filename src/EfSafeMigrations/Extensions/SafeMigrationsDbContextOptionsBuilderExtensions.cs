using EfSafeMigrations;
using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>Turns on EfSafeMigrations for a context.</summary>
public static class SafeMigrationsDbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Uses EfSafeMigrations' safe SQL generation, model differ and migrator for this context. Call it
    /// before or after <c>UseNpgsql</c>; the order does not matter. Calling it again adds configuration.
    /// </summary>
    /// <param name="optionsBuilder">The options builder.</param>
    /// <param name="configure">Changes to the defaults, which are the safe choice for production.</param>
    public static DbContextOptionsBuilder UseSafeMigrations(
        this DbContextOptionsBuilder optionsBuilder, Action<SafeMigrationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        var extension = (optionsBuilder.Options.FindExtension<SafeMigrationsOptionsExtension>() ?? new SafeMigrationsOptionsExtension())
            .WithConfiguration(configure);
        ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(extension);
        return optionsBuilder;
    }

    /// <inheritdoc cref="UseSafeMigrations(DbContextOptionsBuilder, Action{SafeMigrationsOptions}?)" />
    public static DbContextOptionsBuilder<TContext> UseSafeMigrations<TContext>(
        this DbContextOptionsBuilder<TContext> optionsBuilder, Action<SafeMigrationsOptions>? configure = null)
        where TContext : DbContext
        => (DbContextOptionsBuilder<TContext>)UseSafeMigrations((DbContextOptionsBuilder)optionsBuilder, configure);
}
