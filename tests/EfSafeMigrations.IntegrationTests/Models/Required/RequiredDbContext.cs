using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Required;

/// <summary>
/// Nullable columns made required, in the three forms a project can hold: EF's own scaffolded shape
/// (<see cref="RequiredDbContext"/>), the safe form scaffolded by this version (<see cref="ScaffoldedRequiredDbContext"/>)
/// and the one scaffolded before the fill step existed (<see cref="OlderScaffoldedRequiredDbContext"/>). All three
/// share the table and its rows (<see cref="CreatePeopleTable"/>).
/// </summary>
public sealed class RequiredDbContext(DbContextOptions<RequiredDbContext> options) : DbContext(options);

/// <inheritdoc cref="RequiredDbContext"/>
public sealed class ScaffoldedRequiredDbContext(DbContextOptions<ScaffoldedRequiredDbContext> options) : DbContext(options);

/// <inheritdoc cref="RequiredDbContext"/>
public sealed class OlderScaffoldedRequiredDbContext(DbContextOptions<OlderScaffoldedRequiredDbContext> options) : DbContext(options);

/// <summary>A column made required (its NULLs filled with '') and then unique: the fill itself makes duplicates.</summary>
public sealed class RequiredUniqueDbContext(DbContextOptions<RequiredUniqueDbContext> options) : DbContext(options);

public static class RequiredOptions
{
    public static TContext Create<TContext>(string connectionString, bool safe = true, Action<SafeMigrationsOptions>? configure = null)
        where TContext : DbContext
        => (TContext)Activator.CreateInstance(typeof(TContext), ShopOptions.For<TContext>(connectionString, safe, configure))!;
}
