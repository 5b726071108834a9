using System.Globalization;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.ExpandContract;

/// <summary>
/// Release 2 of the application: maps users.email_address, orders.price (numeric, in currency units), a required
/// profiles.country, and the table clients. It runs beside release 1 from the expand on, and alone after the contract.
/// </summary>
public sealed class Release2Context(DbContextOptions<Release2Context> options) : DbContext(options)
{
    public static ApplicationVersion Version { get; } = new("release 2", cs => new Release2Context(ShopOptions.For<Release2Context>(cs, safe: false)),
        new Dictionary<ReleaseChange, ReleaseRowMap>
        {
            [ReleaseChange.ColumnRename] = ReleaseRowMap.For<Release2User>(v => new() { EmailAddress = v }, (r, v) => r.EmailAddress = v, r => r.EmailAddress),
            [ReleaseChange.TypeChange] = ReleaseRowMap.For<Release2Order>(v => new() { Price = Price(v) }, (r, v) => r.Price = Price(v), r => Cents(r.Price)),
            [ReleaseChange.Required] = ReleaseRowMap.For<Release2Profile>(v => new() { Country = v! }, (r, v) => r.Country = v!, r => r.Country),
            [ReleaseChange.TableRename] = ReleaseRowMap.For<Release2Client>(v => new() { Name = v! }, (r, v) => r.Name = v!, r => r.Name),
        });

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ReleaseMapping.Row<Release2User>(modelBuilder, "users", nameof(Release2User.EmailAddress), "email_address");
        ReleaseMapping.Row<Release2Order>(modelBuilder, "orders", nameof(Release2Order.Price), "price").HasColumnType("numeric(12,2)");
        ReleaseMapping.Row<Release2Profile>(modelBuilder, "profiles", nameof(Release2Profile.Country), "country").IsRequired();
        ReleaseMapping.Row<Release2Client>(modelBuilder, "clients", nameof(Release2Client.Name), "name");
    }

    // Prices travel as cents in the tests' text form, so both releases' values compare exactly.
    private static decimal? Price(string? cents) => cents is null ? null : long.Parse(cents, CultureInfo.InvariantCulture) / 100m;

    private static string? Cents(decimal? price) => price is null ? null : ((long)(price.Value * 100)).ToString(CultureInfo.InvariantCulture);
}

public sealed class Release2User : IReleaseRow
{
    public long Id { get; set; }

    public string? EmailAddress { get; set; }
}

public sealed class Release2Order : IReleaseRow
{
    public long Id { get; set; }

    public decimal? Price { get; set; }
}

public sealed class Release2Profile : IReleaseRow
{
    public long Id { get; set; }

    public required string Country { get; set; }
}

public sealed class Release2Client : IReleaseRow
{
    public long Id { get; set; }

    public required string Name { get; set; }
}
