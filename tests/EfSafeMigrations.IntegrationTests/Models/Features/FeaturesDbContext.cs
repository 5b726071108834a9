using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Features;

public enum Plan
{
    Free,
    Team,
    Enterprise,
}

public sealed class Member
{
    public int Id { get; set; }

    public string Handle { get; set; } = "";

    public string Email { get; set; } = "";

    public string Bio { get; set; } = "";

    public Plan Plan { get; set; }

    public long Number { get; set; }

    public decimal Price { get; set; }

    public decimal Total { get; set; }
}

public sealed class PlanName
{
    public Plan Plan { get; set; }

    public string Label { get; set; } = "";
}

/// <summary>
/// One table that uses every kind of object the model's create script can contain besides tables: an ICU
/// non-deterministic collation (<c>HasCollation</c>) used by a column, two trusted contrib extensions (citext for a
/// column type, pg_trgm for an index's operator class), an enum, a sequence used by a default, a stored computed
/// column, and table and column comments. Plus a lookup table with seed data (<c>HasData</c>), which push does not insert.
/// </summary>
public sealed class FeaturesDbContext(DbContextOptions<FeaturesDbContext> options) : DbContext(options)
{
    public static DbContextOptions<FeaturesDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<FeaturesDbContext>().UseNpgsql(connectionString, o => o.MapEnum<Plan>("plan")).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasCollation("case_insensitive", locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        modelBuilder.HasPostgresExtension("citext");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasSequence<long>("member_numbers").StartsAt(1000).IncrementsBy(10);
        modelBuilder.Entity<Member>(e =>
        {
            e.ToTable("members", t => t.HasComment("People who signed up"));
            e.Property(x => x.Handle).UseCollation("case_insensitive").HasComment("Compared case-insensitively");
            e.HasIndex(x => x.Handle).IsUnique();
            e.Property(x => x.Email).HasColumnType("citext");
            e.Property(x => x.Bio).HasColumnName("bio");
            e.HasIndex(x => x.Bio).HasMethod("gin").HasOperators("gin_trgm_ops");
            e.Property(x => x.Number).HasDefaultValueSql("nextval('member_numbers')");
            e.Property(x => x.Price).HasPrecision(10, 2);
            e.Property(x => x.Total).HasPrecision(12, 2).HasComputedColumnSql("\"Price\" * 1.2", stored: true);
        });
        modelBuilder.Entity<PlanName>(e =>
        {
            e.ToTable("plan_names");
            e.HasKey(x => x.Plan);
            e.HasData(new PlanName { Plan = Plan.Free, Label = "Free" }, new PlanName { Plan = Plan.Team, Label = "Team" });
        });
    }
}
