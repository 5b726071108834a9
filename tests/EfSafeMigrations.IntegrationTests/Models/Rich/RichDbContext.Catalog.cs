using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Rich;

public sealed partial class RichDbContext
{
    private static void ConfigureCatalog(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Category>(e =>
        {
            e.ToTable("categories", "catalog");
            e.Property(x => x.Id).UseSerialColumn();
            e.Property(x => x.Slug).HasMaxLength(80);
            e.HasIndex(x => x.Slug).IsUnique();
            e.HasOne<Category>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<Brand>(e =>
        {
            e.ToTable("brands", "catalog");
            e.Property(x => x.Code).HasMaxLength(10);
            e.HasAlternateKey(x => x.Code);
        });

        modelBuilder.Entity<Product>(e =>
        {
            e.ToTable("products", "catalog", t =>
            {
                t.HasComment("Things we sell.");
                t.HasCheckConstraint("ck_products_price_positive", "\"Price\" >= 0");
                t.HasCheckConstraint("ck_products_tax_rate", "\"TaxRate\" BETWEEN 0 AND 1");
            });
            e.Property(x => x.Id).HasDefaultValueSql("nextval('catalog.product_ids')");
            e.Property(x => x.Name).HasMaxLength(200).HasComment("Shown in the shop; 'quotes' survive.");
            e.Property(x => x.Price).HasPrecision(12, 2);
            e.Property(x => x.TaxRate).HasPrecision(5, 4).HasDefaultValue(0.2m);
            e.Property(x => x.PriceWithTax).HasPrecision(14, 2).HasComputedColumnSql("round(\"Price\" * (1 + \"TaxRate\"), 2)", stored: true);
            e.Property(x => x.IsActive).HasDefaultValue(true);
            e.HasIndex(x => new { x.CategoryId, x.Name }).HasFilter("\"IsActive\"");
            e.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.HasSequence<long>("product_ids", "catalog").StartsAt(100);

        modelBuilder.Entity<ProductImage>(e =>
        {
            e.ToTable("product_images", "catalog");
            e.HasIndex(x => new { x.ProductId, x.Position }).IsUnique();
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Tag>(e =>
        {
            e.ToTable("tags", "catalog");
            e.Property(x => x.Label).HasMaxLength(40);
            e.HasIndex(x => x.Label).IsUnique().AreNullsDistinct(false);
        });

        modelBuilder.Entity<ProductTag>(e =>
        {
            e.ToTable("product_tags", "catalog");
            e.HasKey(x => new { x.ProductId, x.TagId });
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Tag>().WithMany().HasForeignKey(x => x.TagId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ProductVariant>(e =>
        {
            e.ToTable("product_variants", "catalog", t => t.HasCheckConstraint("ck_variants_stock", "\"Stock\" >= 0"));
            e.Property(x => x.Sku).HasMaxLength(40);
            e.HasIndex(x => x.Sku).IsUnique();
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PriceHistory>(e =>
        {
            e.ToTable("price_history", "catalog");
            e.Property(x => x.Price).HasPrecision(12, 2);
            e.Property(x => x.ValidFrom).HasColumnType("timestamp without time zone");
            e.Property(x => x.ValidTo).HasColumnType("timestamp without time zone");
            e.HasIndex(x => x.ProductId).HasFilter("\"ValidTo\" IS NULL").HasDatabaseName("ix_price_history_current");
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Supplier>(e =>
        {
            e.ToTable("suppliers", "catalog");
            e.Property(x => x.Id).UseIdentityByDefaultColumn().HasIdentityOptions(startValue: 10, incrementBy: 10);
            e.Property(x => x.Email).HasColumnType("varchar(320)");
        });

        modelBuilder.Entity<SupplierProduct>(e =>
        {
            e.ToTable("supplier_products", "catalog");
            e.HasKey(x => new { x.SupplierId, x.ProductId });
            e.Property(x => x.Cost).HasPrecision(12, 2);
            e.HasOne<Supplier>().WithMany().HasForeignKey(x => x.SupplierId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandCode).HasPrincipalKey(b => b.Code);
        });
    }
}
