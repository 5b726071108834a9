using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.Tests.Journal.Checksums;

public enum BookStatus
{
    Draft,
    Published,
}

public sealed class Author
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public decimal Rating { get; set; }

    public DateOnly? Born { get; set; }

    public string[] Tags { get; set; } = [];

    public DateTimeOffset Created { get; set; }

    public bool Active { get; set; }

    public string? Bio { get; set; }

    public DateTime Joined { get; set; }

    public List<Book> Books { get; set; } = [];
}

public sealed class Book
{
    public long Id { get; set; }

    public Guid Isbn { get; set; }

    public string Title { get; set; } = "";

    public BookStatus Status { get; set; }

    public int AuthorId { get; set; }

    public Author? Author { get; set; }

    public int Pages { get; set; }

    public int Weight { get; set; }
}

/// <summary>
/// Two versions of a model that between them exercise most operation kinds and value types the
/// differ produces (identity, arrays, defaults of many types, seed data, sequences, enums,
/// extensions, concurrent/partial/descending/GIN indexes, check constraints, comments, collations).
/// </summary>
/// <param name="version">1 or 2.</param>
/// <param name="safe">With EfSafeMigrations' differ (its rewrites add annotations and raw SQL steps) or EF's.</param>
public sealed class ChecksumContext(int version, bool safe = false) : DbContext
{
    public int Version { get; } = version;

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        optionsBuilder.UseNpgsql("Host=localhost;Database=never_connects")
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, VersionCacheKeyFactory>();
        if (safe)
        {
            optionsBuilder.UseSafeMigrations();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("citext");
        modelBuilder.HasPostgresEnum("mood", Version == 1 ? ["sad", "happy"] : ["sad", "ok", "happy"]);
        modelBuilder.HasSequence<long>("order_numbers", "shop").StartsAt(1000).IncrementsBy(Version == 1 ? 5 : 10);

        modelBuilder.Entity<Author>(author =>
        {
            author.ToTable("authors", t =>
            {
                t.HasComment(Version == 1 ? "People who write" : "People who write books\r\nand more");
                t.HasCheckConstraint("ck_rating", "\"Rating\" >= 0");
            });
            author.Property(a => a.Name).HasMaxLength(Version == 1 ? 100 : 200).UseCollation("C");
            author.Property(a => a.Rating).HasPrecision(5, 2).HasDefaultValue(Version == 1 ? 0m : 1.50m);
            author.Property(a => a.Created).HasDefaultValueSql("now()");
            author.Property(a => a.Active).HasDefaultValue(true);
            author.Property(a => a.Bio).HasComment("Short biography");
            author.Property(a => a.Joined).HasDefaultValue(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            author.HasIndex(a => a.Tags).HasMethod("gin");
            author.HasIndex(a => new { a.Name, a.Created }).IsDescending(false, true).HasFilter("\"Active\"");
            if (Version == 2)
            {
                author.Ignore(a => a.Born);
            }

            author.HasData(new Author { Id = 1, Name = "Ada", Rating = 4.5m, Tags = ["math"], Created = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), Active = true, Joined = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        });

        modelBuilder.Entity<Book>(book =>
        {
            book.ToTable("books");
            book.Property(b => b.Id).UseIdentityAlwaysColumn();
            book.Property(b => b.Status).HasConversion<string>().HasMaxLength(20).HasDefaultValue(BookStatus.Draft);
            book.Property(b => b.Title).IsRequired();
            book.HasAlternateKey(b => b.Isbn);
            book.HasOne(b => b.Author).WithMany(a => a.Books).HasForeignKey(b => b.AuthorId).OnDelete(Version == 1 ? DeleteBehavior.Cascade : DeleteBehavior.Restrict);
            book.HasIndex(b => b.Title).IsCreatedConcurrently().IncludeProperties(b => b.Pages);
            book.Property(b => b.Pages).HasComputedColumnSql(Version == 1 ? null : "\"Weight\" * 2", stored: Version == 1 ? null : true);
            book.HasData(new Book { Id = 1, Isbn = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), Title = "Notes", AuthorId = 1, Status = BookStatus.Published, Weight = Version });
        });
    }

    private sealed class VersionCacheKeyFactory : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (((ChecksumContext)context).Version, designTime);
    }
}
