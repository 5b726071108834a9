using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Rich;

public sealed partial class RichDbContext
{
    private static void ConfigurePublic(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(e =>
        {
            e.ToTable("tenants", t => t.HasComment("Customers of the SaaS; every user belongs to one."));
            e.Property(x => x.Name).HasMaxLength(100).HasComment("Display name");
            e.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        });

        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("users", t => t.HasCheckConstraint("ck_users_email_has_at", "position('@' in \"Email\") > 1"));
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.Status).HasDefaultValue(UserStatus.Invited);
            e.Property(x => x.Settings).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
            e.Property(x => x.DisplayName).UseCollation("C");
            e.HasIndex(x => x.Email).IsUnique().HasFilter("\"DeletedAt\" IS NULL").HasDatabaseName("ix_users_email_live");
            e.HasIndex(x => x.Tags).HasMethod("gin");
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
            e.OwnsOne(x => x.Address, a =>
            {
                a.Property(p => p.Street).HasColumnName("address_street");
                a.Property(p => p.City).HasColumnName("address_city");
                a.Property(p => p.Country).HasColumnName("address_country").HasMaxLength(2).IsFixedLength();
            });
        });

        modelBuilder.Entity<Role>(e =>
        {
            e.ToTable("roles");
            e.Property(x => x.Id).UseSerialColumn();
            e.Property(x => x.Name).HasMaxLength(50);
            e.HasAlternateKey(x => x.Name).HasName("uq_roles_name");
        });

        modelBuilder.Entity<UserRole>(e =>
        {
            e.ToTable("user_roles");
            e.HasKey(x => new { x.UserId, x.RoleId });
            e.Property(x => x.GrantedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Role>().WithMany().HasForeignKey(x => x.RoleId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
            e.Property(x => x.Prefix).HasMaxLength(8).IsFixedLength();
            e.HasIndex(x => x.Prefix).IsUnique().IncludeProperties(x => new { x.Hash, x.ExpiresAt });
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId);
        });

        modelBuilder.Entity<AuditLog>(e =>
        {
            e.ToTable("audit_log");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Payload).HasColumnType("jsonb");
            e.Property(x => x.At).HasDefaultValueSql("clock_timestamp()");
            e.HasIndex(x => x.At).IsDescending();
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
            e.IsUnlogged();
        });

        modelBuilder.Entity<Setting>(e =>
        {
            e.ToTable("settings");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Value).HasDefaultValue("");
        });
    }
}
