using Microsoft.EntityFrameworkCore;

namespace SampleDeploy;

public sealed class Order
{
    public long Id { get; set; }
    public required string Customer { get; set; }
    public decimal Total { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// Configured in OnConfiguring, as many apps deployed with bundles are: the bundle's --connection replaces the connection
/// string. DEPLOY_PLAIN=1 leaves UseSafeMigrations out, to compare with plain EF using the same bundle.
/// </summary>
public sealed class DeployDbContext : DbContext
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        optionsBuilder.UseNpgsql("Host=localhost;Database=design_time");
        if (Environment.GetEnvironmentVariable("DEPLOY_PLAIN") != "1")
        {
            optionsBuilder.UseSafeMigrations();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.Property(o => o.Id).HasColumnName("id");
            order.Property(o => o.Customer).HasColumnName("customer");
            order.Property(o => o.Total).HasColumnName("total");
            order.Property(o => o.Note).HasColumnName("note");
            order.HasIndex(o => o.Customer).HasDatabaseName("IX_orders_customer");
        });
}
