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
public sealed class BlogsDbContext(DbContextOptions<BlogsDbContext> options) : DbContext(options)
{
    public static DbContextOptions<BlogsDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<BlogsDbContext>().UseNpgsql(connectionString).Options;

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
