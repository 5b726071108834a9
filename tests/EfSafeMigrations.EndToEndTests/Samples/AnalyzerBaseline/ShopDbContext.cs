using Microsoft.EntityFrameworkCore;

namespace SampleAnalyzerBaseline;

public sealed class Customer
{
    public long Id { get; set; }
    public required string Email { get; set; }
}

public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
}
