using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Rich;

public sealed partial class RichDbContext
{
    private static void ConfigureSales(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(e =>
        {
            e.ToTable("customers", "sales");
            e.Property(x => x.Tier).HasDefaultValue(CustomerTier.Free);
            e.OwnsMany(x => x.Addresses, a =>
            {
                a.ToTable("customer_addresses", "sales");
                a.Property(p => p.Country).HasMaxLength(2);
            });
        });

        modelBuilder.Entity<Order>(e =>
        {
            e.ToTable("orders", "sales", t => t.HasCheckConstraint("ck_orders_total", "\"Total\" >= 0"));
            e.Property(x => x.Id).HasIdentityOptions(startValue: 1000);
            e.Property(x => x.Status).HasDefaultValue(OrderStatus.Pending);
            e.Property(x => x.Total).HasPrecision(14, 2).HasDefaultValue(0m);
            e.Property(x => x.PlacedAt).HasDefaultValueSql("now()");
            e.Property(x => x.Notes).HasComment("Free text from the customer.");
            e.HasIndex(x => new { x.CustomerId, x.PlacedAt }).IsDescending(false, true).IncludeProperties(x => x.Status);
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<OrderLine>(e =>
        {
            e.ToTable("order_lines", "sales", t => t.HasCheckConstraint("ck_order_lines_quantity", "\"Quantity\" > 0"));
            e.HasKey(x => new { x.OrderId, x.LineNo });
            e.Property(x => x.UnitPrice).HasPrecision(12, 2);
            e.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Payment>(e =>
        {
            e.ToTable("payments", "sales");
            e.Property(x => x.Amount).HasPrecision(14, 2);
            e.Property(x => x.Provider).HasMaxLength(20).HasDefaultValue("stripe");
            e.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Refund>(e =>
        {
            e.ToTable("refunds", "sales");
            e.Property(x => x.Amount).HasPrecision(14, 2);
            e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.NoAction);
        });

        modelBuilder.Entity<Invoice>(e =>
        {
            e.ToTable("invoices", "sales");
            e.Property(x => x.Number).HasDefaultValueSql("nextval('sales.invoice_numbers')");
            e.HasIndex(x => x.OrderId).IsUnique();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasOne<Order>().WithOne().HasForeignKey<Invoice>(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Coupon>(e =>
        {
            e.ToTable("coupons", "sales");
            e.Property(x => x.Id).UseSerialColumn();
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Discount).HasPrecision(5, 2);
            e.HasIndex(x => x.Code).IsUnique().HasFilter("\"ExpiresAt\" IS NULL OR \"ExpiresAt\" > '2020-01-01'");
        });

        modelBuilder.Entity<Shipment>(e =>
        {
            e.ToTable("shipments", "sales");
            e.HasIndex(x => new { x.Carrier, x.TrackingCode });
            e.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
