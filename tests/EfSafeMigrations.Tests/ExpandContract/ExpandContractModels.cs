using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.Tests.ExpandContract;

public sealed class Member
{
    public int Id { get; set; }

    public string Email { get; set; } = "";

    public string? Nickname { get; set; }

    public decimal Price { get; set; }

    public int Legacy { get; set; }
}

public sealed class Purchase
{
    public int Id { get; set; }

    public int MemberId { get; set; }

    public Member? Member { get; set; }

    public string Code { get; set; } = "";
}

public sealed class Note
{
    public int Id { get; set; }

    public int MemberId { get; set; }

    public Member? Member { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>How version 2 of <see cref="ExpandContractContext"/> opts in.</summary>
public enum OptIn
{
    /// <summary>Per property and entity, with a fill and conversions.</summary>
    Annotations,

    /// <summary><c>o.ExpandContract.Scaffold = true</c>, no annotations.</summary>
    Option,

    /// <summary>Neither: EF's plain operations.</summary>
    None,
}

/// <summary>
/// Version 1, then version 2 with every change expand/contract scaffolds: a column rename with an index, a rename with a
/// type change, nullable to required, a dropped column, a table rename with a primary key, a foreign key and an index, and
/// the rename of a foreign key column.
/// </summary>
public sealed class ExpandContractContext(int version, OptIn optIn = OptIn.Annotations) : DbContext
{
    public int Version { get; } = version;

    public OptIn OptIn { get; } = optIn;

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
        => optionsBuilder.UseNpgsql("Host=localhost;Database=never_connects")
            .UseSafeMigrations(o => o.ExpandContract.Scaffold = OptIn == OptIn.Option)
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, VersionCacheKeyFactory>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var annotate = Version == 2 && OptIn == OptIn.Annotations;
        modelBuilder.Entity<Member>(member =>
        {
            member.ToTable("members");
            member.HasIndex(m => m.Email);
            member.Property(m => m.Price).HasColumnType("numeric(10,2)");
            if (Version == 2)
            {
                member.Property(m => m.Email).HasColumnName("EmailAddress");
                member.Property(m => m.Nickname).IsRequired();
                member.Property(m => m.Price).HasColumnName("PriceCents").HasColumnType("bigint").HasConversion<long>();
                member.Ignore(m => m.Legacy);
            }

            if (annotate)
            {
                member.UsesExpandContract();
                member.Property(m => m.Email).UsesExpandContract();
                member.Property(m => m.Nickname).HasExpandFill("'anonymous'");
                member.Property(m => m.Price).HasExpandConversion("round(\"Price\" * 100)::bigint", "\"PriceCents\" / 100.0");
            }
        });

        modelBuilder.Entity<Purchase>(purchase =>
        {
            purchase.ToTable(Version == 1 ? "purchases" : "orders");
            purchase.HasIndex(p => p.Code);
            if (annotate)
            {
                purchase.UsesExpandContract();
            }
        });

        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            if (Version == 2)
            {
                note.Property(n => n.MemberId).HasColumnName("AuthorMemberId");
            }

            if (annotate)
            {
                note.Property(n => n.MemberId).UsesExpandContract();
            }
        });
    }

    private sealed class VersionCacheKeyFactory : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime)
            => (((ExpandContractContext)context).Version, ((ExpandContractContext)context).OptIn, designTime);
    }
}
