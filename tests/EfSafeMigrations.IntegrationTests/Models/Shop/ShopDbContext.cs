using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EfSafeMigrations.IntegrationTests.Models.Shop;

/// <summary>
/// Contexts with hand-written migrations (no model, no snapshot) over the same two tables, one context per
/// migration set so that each test applies only what it needs:
/// <see cref="ShopDbContext"/> every rewrite, <see cref="SlowShopDbContext"/> a slow concurrent index build,
/// <see cref="LockedShopDbContext"/> a change a long transaction blocks.
/// </summary>
public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options);

/// <inheritdoc cref="ShopDbContext"/>
public sealed class SlowShopDbContext(DbContextOptions<SlowShopDbContext> options) : DbContext(options);

/// <inheritdoc cref="ShopDbContext"/>
public sealed class LockedShopDbContext(DbContextOptions<LockedShopDbContext> options) : DbContext(options);

public static class ShopOptions
{
    /// <summary>Options for <typeparamref name="TContext"/>: safe (UseSafeMigrations) or plain EF.</summary>
    public static DbContextOptions<TContext> For<TContext>(
        string connectionString, bool safe = true, Action<SafeMigrationsOptions>? configure = null)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(connectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (safe)
        {
            builder.UseSafeMigrations(configure);
        }

        return builder.Options;
    }

    public static ShopDbContext Shop(string connectionString, bool safe = true, Action<SafeMigrationsOptions>? configure = null)
        => new(For<ShopDbContext>(connectionString, safe, configure));
}
