using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Backfills;

/// <summary>
/// One context per backfill case, each with two migrations: the first creates the table with rows, the second
/// backfills it (<c>migrationBuilder.Backfill</c>, written by hand as users write it). Row counts stay small; batch
/// sizes are smaller still, so every case runs several batches.
/// </summary>
public sealed class ItemsDbContext(DbContextOptions<ItemsDbContext> options) : DbContext(options);

/// <inheritdoc cref="ItemsDbContext"/>
public sealed class CounterDbContext(DbContextOptions<CounterDbContext> options) : DbContext(options);

/// <inheritdoc cref="ItemsDbContext"/>
public sealed class CompositeKeyDbContext(DbContextOptions<CompositeKeyDbContext> options) : DbContext(options);

/// <inheritdoc cref="ItemsDbContext"/>
public sealed class UuidKeyDbContext(DbContextOptions<UuidKeyDbContext> options) : DbContext(options);

/// <inheritdoc cref="ItemsDbContext"/>
public sealed class TextKeyDbContext(DbContextOptions<TextKeyDbContext> options) : DbContext(options);

/// <inheritdoc cref="ItemsDbContext"/>
public sealed class NoKeyDbContext(DbContextOptions<NoKeyDbContext> options) : DbContext(options);

/// <inheritdoc cref="ItemsDbContext"/>
public sealed class ExplicitKeyDbContext(DbContextOptions<ExplicitKeyDbContext> options) : DbContext(options);

/// <inheritdoc cref="ItemsDbContext"/>
public sealed class TypedDbContext(DbContextOptions<TypedDbContext> options) : DbContext(options);

public static class BackfillContexts
{
    public static TContext Create<TContext>(string connectionString, bool safe = true, Action<SafeMigrationsOptions>? configure = null)
        where TContext : DbContext
        => (TContext)Activator.CreateInstance(typeof(TContext), ShopOptions.For<TContext>(connectionString, safe, configure))!;
}
