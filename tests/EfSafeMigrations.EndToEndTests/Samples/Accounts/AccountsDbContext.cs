using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SampleAccounts;

// The end-to-end lint test edits this model between migrations (the lines marked "edit:").
public sealed class Account
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public string? LegacyCode { get; set; } // edit: dropped
    public int Score { get; set; } // edit: int becomes long
}

public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public static DbContextOptions<AccountsDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<AccountsDbContext>().UseNpgsql(connectionString).UseSafeMigrations().Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.Property(a => a.Id).HasColumnName("id");
            account.Property(a => a.Email).HasColumnName("email");
            account.Property(a => a.LegacyCode).HasColumnName("legacy_code"); // edit: dropped
            account.Property(a => a.Score).HasColumnName("score");
            // edit: index added
        });
    }
}

public sealed class AccountsDbContextFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args) => new(AccountsDbContext.Options("Host=localhost;Database=design_time"));
}
