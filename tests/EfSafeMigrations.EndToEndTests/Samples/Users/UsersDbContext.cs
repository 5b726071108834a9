using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SampleUsers;

public sealed class User
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public static DbContextOptions<UsersDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<UsersDbContext>().UseNpgsql(connectionString).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.Email).HasColumnName("email").HasMaxLength(320);
            user.Property(u => u.Name).HasColumnName("name").HasMaxLength(200);
            user.Property(u => u.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
            user.Property(u => u.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");
            user.HasIndex(u => u.Email).IsUnique().HasDatabaseName("ix_users_email");
        });
    }
}

public sealed class UsersDbContextFactory : IDesignTimeDbContextFactory<UsersDbContext>
{
    public UsersDbContext CreateDbContext(string[] args) => new(UsersDbContext.Options("Host=localhost;Database=design_time"));
}
