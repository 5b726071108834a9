using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EfSafeMigrations.Infrastructure.Internal;

/// <summary>
/// The options extension behind <c>UseSafeMigrations</c>. Immutable: each call returns a copy with one
/// more configuration step, and <see cref="Options"/> is built from all steps in order.
/// Services read the options per scope from <see cref="IDbContextOptions"/>, so contexts with different
/// options share one internal service provider.
/// </summary>
public sealed class SafeMigrationsOptionsExtension : IDbContextOptionsExtension
{
    private readonly IReadOnlyList<Action<SafeMigrationsOptions>> _configure;
    private SafeMigrationsOptions? _options;
    private DbContextOptionsExtensionInfo? _info;

    /// <summary>An extension with the default options.</summary>
    public SafeMigrationsOptionsExtension() => _configure = [];

    private SafeMigrationsOptionsExtension(IReadOnlyList<Action<SafeMigrationsOptions>> configure) => _configure = configure;

    /// <summary>The effective options (defaults, then every configuration step in order).</summary>
    public SafeMigrationsOptions Options
    {
        get
        {
            if (_options is null)
            {
                var options = new SafeMigrationsOptions();
                foreach (var step in _configure)
                {
                    step(options);
                }

                _options = options;
            }

            return _options;
        }
    }

    /// <summary>The options a context was configured with, or the defaults when it has no <c>UseSafeMigrations</c>.</summary>
    public static SafeMigrationsOptions OptionsOf(IDbContextOptions contextOptions)
        => contextOptions.FindExtension<SafeMigrationsOptionsExtension>()?.Options ?? new SafeMigrationsOptions();

    /// <inheritdoc />
    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    /// <summary>A copy with one more configuration step.</summary>
    public SafeMigrationsOptionsExtension WithConfiguration(Action<SafeMigrationsOptions>? configure)
        => configure is null ? this : new SafeMigrationsOptionsExtension([.. _configure, configure]);

    /// <inheritdoc />
    public void ApplyServices(IServiceCollection services) => SafeMigrationsServices.Register(services);

    /// <inheritdoc />
    public void Validate(IDbContextOptions options)
    {
        if (!options.Extensions.Any(e => e.GetType().Name == "NpgsqlOptionsExtension"))
        {
            throw new InvalidOperationException(
                "UseSafeMigrations() needs the Npgsql provider: call UseNpgsql(...) on the same options builder " +
                "(EfSafeMigrations supports PostgreSQL only).");
        }
    }

    private sealed class ExtensionInfo(SafeMigrationsOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "using EfSafeMigrations ";

        // Options are read per scope, never baked into services: every context can share one provider.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            => debugInfo["EfSafeMigrations:ConfigurationSteps"] =
                ((SafeMigrationsOptionsExtension)Extension)._configure.Count.ToString(CultureInfo.InvariantCulture);
    }
}
