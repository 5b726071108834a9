using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Blogs;

public sealed class Blog
{
    public int Id { get; set; }

    public string Title { get; set; } = "";

    public string Subtitle { get; set; } = "";

    public int Rank { get; set; }

    public bool IsPublic { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class Post
{
    public int Id { get; set; }

    public int? BlogId { get; set; }

    public Blog? Blog { get; set; }

    public string Body { get; set; } = "";
}

/// <summary>
/// A model whose migrations (<see cref="BlogsMigrations"/>) are written in the shapes <c>dotnet ef migrations add</c>
/// scaffolds and leave the database legitimately different from the model's create script: required columns added
/// to a table with rows, a column made required (both with EF's <c>defaultValue:</c>), and a foreign key first
/// scaffolded <c>onDelete: ReferentialAction.Restrict</c> (as EF Core 2 did for what the model now calls ClientSetNull,
/// which maps to NO ACTION).
/// </summary>
public class BlogsDbContext : DbContext
{
    public BlogsDbContext(DbContextOptions<BlogsDbContext> options)
        : base(options)
    {
    }

    protected BlogsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public static DbContextOptions<BlogsDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<BlogsDbContext>().UseNpgsql(connectionString).Options;

    /// <summary>With the safe SQL generator: the column made required gets its NULLs filled in batches first.</summary>
    public static DbContextOptions<BlogsDbContext> SafeOptions(string connectionString)
        => new DbContextOptionsBuilder<BlogsDbContext>().UseNpgsql(connectionString).UseSafeMigrations().Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Blog>().ToTable("blogs");
        modelBuilder.Entity<Post>(e =>
        {
            e.ToTable("posts");
            e.HasOne(p => p.Blog).WithMany().HasForeignKey(p => p.BlogId).OnDelete(DeleteBehavior.ClientSetNull);
        });
    }
}

/// <summary>
/// The same model and migrations plus a data migration that only runs where there are rows, so the migrations cannot be
/// replayed on an empty database (check then reads what they leave from their operations).
/// </summary>
public sealed class DataFixBlogsDbContext(DbContextOptions<DataFixBlogsDbContext> options) : BlogsDbContext(options)
{
    public static new DbContextOptions<DataFixBlogsDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<DataFixBlogsDbContext>().UseNpgsql(connectionString).Options;
}
