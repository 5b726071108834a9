using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SampleJournal;

public sealed class Customer
{
    public long Id { get; set; }
    public required string Email { get; set; }
}

public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    // End-to-end tests change this number to change the model between migrations.
    public const int ModelVersion = 1;

    public DbSet<Customer> Customers => Set<Customer>();

    public static DbContextOptions<ShopDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<ShopDbContext>().UseNpgsql(connectionString).UseSafeMigrations().Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(customer =>
        {
            customer.ToTable("customers");
            customer.Property(c => c.Email).HasMaxLength(320);
            if (ModelVersion >= 2)
            {
                customer.Property<string>("Nickname").HasMaxLength(50);
                customer.HasIndex("Nickname").IsCreatedConcurrently();
            }
        });
    }
}

public sealed class ShopDbContextFactory : IDesignTimeDbContextFactory<ShopDbContext>
{
    public ShopDbContext CreateDbContext(string[] args) => new(ShopDbContext.Options("Host=localhost;Database=design_time"));
}
