using System.Globalization;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.ExpandContract;

/// <summary>Release 1 of the application, still running while release 2 rolls out: it maps the old columns and table names.</summary>
public sealed class Release1Context(DbContextOptions<Release1Context> options) : DbContext(options)
{
    public static ApplicationVersion Version { get; } = new("release 1", cs => new Release1Context(ShopOptions.For<Release1Context>(cs, safe: false)),
        new Dictionary<ReleaseChange, ReleaseRowMap>
        {
            [ReleaseChange.ColumnRename] = ReleaseRowMap.For<Release1User>(v => new() { Email = v }, (r, v) => r.Email = v, r => r.Email),
            [ReleaseChange.TypeChange] = ReleaseRowMap.For<Release1Order>(
                v => new() { PriceCents = Cents(v) }, (r, v) => r.PriceCents = Cents(v), r => r.PriceCents?.ToString(CultureInfo.InvariantCulture)),
            [ReleaseChange.Required] = ReleaseRowMap.For<Release1Profile>(v => new() { Country = v }, (r, v) => r.Country = v, r => r.Country),
            [ReleaseChange.TableRename] = ReleaseRowMap.For<Release1Customer>(v => new() { Name = v! }, (r, v) => r.Name = v!, r => r.Name),
        });

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Release1User>(e =>
        {
            e.ToTable("users");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Email).HasColumnName("email");
        });
        modelBuilder.Entity<Release1Order>(e =>
        {
            e.ToTable("orders");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.PriceCents).HasColumnName("price_cents");
        });
        modelBuilder.Entity<Release1Profile>(e =>
        {
            e.ToTable("profiles");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Country).HasColumnName("country");
        });
        modelBuilder.Entity<Release1Customer>(e =>
        {
            e.ToTable("customers");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Name).HasColumnName("name");
        });
    }

    private static int? Cents(string? value) => value is null ? null : int.Parse(value, CultureInfo.InvariantCulture);
}

public sealed class Release1User : IReleaseRow
{
    public long Id { get; set; }

    public string? Email { get; set; }
}

public sealed class Release1Order : IReleaseRow
{
    public long Id { get; set; }

    public int? PriceCents { get; set; }
}

public sealed class Release1Profile : IReleaseRow
{
    public long Id { get; set; }

    public string? Country { get; set; }
}

public sealed class Release1Customer : IReleaseRow
{
    public long Id { get; set; }

    public required string Name { get; set; }
}
