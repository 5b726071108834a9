using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EfSafeMigrations.IntegrationTests.Models.Expansions;

public sealed class ScaffoldedMember
{
    public long Id { get; set; }

    public string Email { get; set; } = "";

    public string? Nickname { get; set; }

    public int Legacy { get; set; }
}

public sealed class ScaffoldedPurchase
{
    public long Id { get; set; }

    public long MemberId { get; set; }

    public ScaffoldedMember? Member { get; set; }

    public string Code { get; set; } = "";
}

/// <summary>
/// Version 1: <c>members</c> (indexed email, optional nickname, NOT NULL legacy) and <c>purchases</c> referencing it. Version 2,
/// opted in to expand/contract: email renamed to email_address, nickname required (filled with 'anonymous'), legacy dropped,
/// purchases renamed to orders. Its migrations are scaffolded and compiled by the test.
/// </summary>
public sealed class ScaffoldedMembersContext(DbContextOptions<ScaffoldedMembersContext> options, int version) : DbContext(options)
{
    public int Version { get; } = version;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ScaffoldedMember>(member =>
        {
            member.ToTable("members");
            member.Property(m => m.Id).HasColumnName("id");
            member.Property(m => m.Email).HasColumnName(Version == 1 ? "email" : "email_address");
            member.Property(m => m.Nickname).HasColumnName("nickname");
            member.Property(m => m.Legacy).HasColumnName("legacy");
            member.HasIndex(m => m.Email);
            if (Version == 2)
            {
                member.UsesExpandContract().Ignore(m => m.Legacy);
                member.Property(m => m.Email).UsesExpandContract();
                member.Property(m => m.Nickname).IsRequired().HasExpandFill("'anonymous'");
            }
        });
        modelBuilder.Entity<ScaffoldedPurchase>(purchase =>
        {
            purchase.ToTable(Version == 1 ? "purchases" : "orders");
            purchase.Property(p => p.Id).HasColumnName("id");
            purchase.Property(p => p.MemberId).HasColumnName("member_id");
            purchase.Property(p => p.Code).HasColumnName("code");
            if (Version == 2)
            {
                purchase.UsesExpandContract();
            }
        });
    }

    /// <summary>One model per version.</summary>
    public sealed class VersionKey : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (((ScaffoldedMembersContext)context).Version, designTime);
    }
}
