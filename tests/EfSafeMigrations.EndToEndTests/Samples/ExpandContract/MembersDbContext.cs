using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SampleExpandContract;

public sealed class Member
{
    public long Id { get; set; }
    public string Email { get; set; } = "";
    public string? Nickname { get; set; }
    public int Legacy { get; set; }
}

/// <summary>
/// Stage 1 (Migrations/ holds its migration): members with an indexed email, an optional nickname and a legacy column. Stage 2 (the test rewrites Stage.cs),
/// opted in to expand/contract: the email column renamed, the nickname required (filled with 'anonymous'), legacy dropped.
/// </summary>
public sealed class MembersDbContext(DbContextOptions<MembersDbContext> options) : DbContext(options)
{
    public static DbContextOptions<MembersDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<MembersDbContext>().UseNpgsql(connectionString).UseSafeMigrations().Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Member>(m =>
        {
            m.ToTable("members");
            m.HasIndex(x => x.Email);
            if (Stage.Value >= 2)
            {
                m.UsesExpandContract();
                m.Property(x => x.Email).HasColumnName("email_address").UsesExpandContract();
                m.Property(x => x.Nickname).IsRequired().HasExpandFill("'anonymous'");
                m.Ignore(x => x.Legacy);
            }
        });
}

public sealed class MembersDbContextFactory : IDesignTimeDbContextFactory<MembersDbContext>
{
    public MembersDbContext CreateDbContext(string[] args) => new(MembersDbContext.Options("Host=localhost;Database=design_time"));
}
