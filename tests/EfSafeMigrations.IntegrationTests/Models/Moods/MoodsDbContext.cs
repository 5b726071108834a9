using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Moods;

public enum Mood
{
    Happy,
    Sad,
}

public sealed class Person
{
    public long Id { get; set; }

    public Mood Mood { get; set; }
}

/// <summary>A migration that creates a PostgreSQL enum: Npgsql must reload its types afterwards.</summary>
public sealed class MoodsDbContext(DbContextOptions<MoodsDbContext> options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();

    public static DbContextOptions<MoodsDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<MoodsDbContext>()
            .UseNpgsql(connectionString, o => o.MapEnum<Mood>("mood"))
            .UseSafeMigrations()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Person>(p =>
        {
            p.ToTable("people");
            p.Property(x => x.Id).HasColumnName("id");
            p.Property(x => x.Mood).HasColumnName("mood");
        });
}

[DbContext(typeof(MoodsDbContext))]
[Migration("20260101000001_CreateMoods")]
public sealed class CreateMoods : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterDatabase().Annotation("Npgsql:Enum:mood", "happy,sad");
        migrationBuilder.CreateTable(
            name: "people",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                mood = table.Column<Mood>(type: "mood", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_people", x => x.id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "people");
        migrationBuilder.AlterDatabase().OldAnnotation("Npgsql:Enum:mood", "happy,sad");
    }
}
