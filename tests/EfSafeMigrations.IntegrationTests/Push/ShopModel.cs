using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EfSafeMigrations.IntegrationTests.Push;

public sealed class Person
{
    public long Id { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public int Age { get; set; }

    public string? Nickname { get; set; }

    public string? Mood { get; set; }
}

public sealed class Pet
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public string? Name { get; set; }
}

public sealed class Toy
{
    public long Id { get; set; }

    public long? PetId { get; set; }

    public string? Name { get; set; }
}

/// <summary>
/// A small model whose configuration each test varies: one context class, one model per variant key, so a
/// test can hold "before" and "after" models of the same CLR types side by side.
/// </summary>
public sealed class ShopContext(DbContextOptions<ShopContext> options, string variant, Action<ModelBuilder> configure) : DbContext(options)
{
    public string Variant { get; } = variant;

    public static ShopContext Create(string connectionString, string variant, Action<ModelBuilder> configure)
        => new(new DbContextOptionsBuilder<ShopContext>()
            .UseNpgsql(connectionString)
            .ReplaceService<IModelCacheKeyFactory, VariantCacheKeyFactory>()
            .Options, variant, configure);

    /// <summary>The baseline, then <paramref name="change"/>.</summary>
    public static Action<ModelBuilder> BaselineAnd(Action<ModelBuilder> change) => b =>
    {
        Baseline(b);
        change(b);
    };

    /// <summary>The baseline: people with a few columns and an index, pets with a foreign key to people.</summary>
    public static void Baseline(ModelBuilder b) => Baseline(b, ["happy", "sad"]);

    /// <summary>The baseline with other labels for the mood enum.</summary>
    public static void Baseline(ModelBuilder b, string[] moods)
    {
        b.HasPostgresEnum("mood", moods);
        b.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Email).HasMaxLength(100);
            e.Property(x => x.Mood).HasColumnType("mood");
            e.HasIndex(x => x.Email);
            e.Ignore(x => x.Nickname);
        });
        b.Entity<Pet>(e =>
        {
            e.ToTable("pets");
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        });
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) => configure(modelBuilder);

    private sealed class VariantCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (context.GetType(), ((ShopContext)context).Variant, designTime);
    }
}
