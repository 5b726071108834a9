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
        ReleaseMapping.Row<Release1User>(modelBuilder, "users", nameof(Release1User.Email), "email");
        ReleaseMapping.Row<Release1Order>(modelBuilder, "orders", nameof(Release1Order.PriceCents), "price_cents");
        ReleaseMapping.Row<Release1Profile>(modelBuilder, "profiles", nameof(Release1Profile.Country), "country");
        ReleaseMapping.Row<Release1Customer>(modelBuilder, "customers", nameof(Release1Customer.Name), "name");
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
