using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.Sample;

/// <summary>The app's context: the <c>users</c> table, with EfSafeMigrations turned on.</summary>
public sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    /// <summary>How the app builds its options; the commands get the context from the same place.</summary>
    public static UsersDbContext Create(string connectionString)
        => new(new DbContextOptionsBuilder<UsersDbContext>()
            .UseNpgsql(connectionString)
            .UseSafeMigrations()
            .Options);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.EmailAddress).HasColumnName("email_address");
            user.Property(u => u.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
            user.Property(u => u.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");
            user.Property(u => u.FirstName).HasColumnName("first_name");
            user.Property(u => u.LastName).HasColumnName("last_name");
            user.Property(u => u.Bio).HasColumnName("bio");
            // The default fills existing rows (instantly: a constant default needs no table rewrite since
            // PostgreSQL 11); the app always writes the value itself, so EF does not treat it as generated.
            user.Property(u => u.IsActive).HasColumnName("is_active").HasDefaultValue(true).ValueGeneratedNever();
            user.HasIndex(u => u.EmailAddress).IsUnique().HasDatabaseName("ix_users_email_address");
            user.HasIndex(u => u.IsActive).HasDatabaseName("ix_users_is_active");
        });
    }
}
