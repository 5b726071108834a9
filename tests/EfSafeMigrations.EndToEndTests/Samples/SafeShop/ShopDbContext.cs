using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SampleSafeShop;

public sealed class Customer
{
    public long Id { get; set; }
    public required string Email { get; set; }
}

public sealed class Order
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public decimal Total { get; set; }
    public string? Number { get; set; }
}

/// <summary>
/// Stage 1: two tables. Stage 2 (the test rewrites Stage.cs): an index, a foreign key, a check, a NOT NULL and a
/// unique constraint on them.
/// </summary>
public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public static DbContextOptions<ShopDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<ShopDbContext>().UseNpgsql(connectionString).UseSafeMigrations().Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(c => c.ToTable("customers"));
        modelBuilder.Entity<Order>(o =>
        {
            o.ToTable("orders");
            if (Stage.Value >= 2)
            {
                o.HasIndex(x => x.Total).HasDatabaseName("ix_orders_total");
                o.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
                o.ToTable(t => t.HasCheckConstraint("ck_orders_total", "\"Total\" >= 0"));
                o.Property(x => x.Number).IsRequired();
                o.HasAlternateKey(x => x.Number).HasName("ak_orders_number");
            }
        });
    }
}

public sealed class ShopDbContextFactory : IDesignTimeDbContextFactory<ShopDbContext>
{
    public ShopDbContext CreateDbContext(string[] args) => new(ShopDbContext.Options("Host=localhost;Database=design_time"));
}
