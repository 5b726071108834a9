using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>
/// A Designer file's target model in the form <c>dotnet ef migrations add</c> writes it (string entity names,
/// store types, keys, indexes, foreign keys): the long-lived history's entity tables with all their columns, so
/// building it costs what a real project's Designer model costs per migration.
/// </summary>
public static class DesignerModel
{
    public static void Build(ModelBuilder modelBuilder, int entities)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.0").HasAnnotation("Relational:MaxIdentifierLength", 63);
        for (var e = 0; e < entities; e++)
        {
            var name = $"Bench.Entity{e}";
            modelBuilder.Entity(name, b =>
            {
                b.Property<long>("id").ValueGeneratedOnAdd().HasColumnType("bigint");
                b.Property<string>("name").IsRequired().HasMaxLength(200).HasColumnType("character varying(200)");
                b.Property<string>("code").IsRequired().HasColumnType("text");
                b.Property<long>("priority").HasColumnType("bigint");
                b.Property<string>("note_text").HasColumnType("text");
                b.Property<string>("mood").HasColumnType("mood");
                b.Property<long?>("parent_id").HasColumnType("bigint");
                b.Property<DateTime>("created").HasColumnType("timestamp with time zone");
                b.Property<bool>("active").HasColumnType("boolean");
                b.HasKey("id");
                b.HasIndex("code").IsUnique();
                b.HasIndex("parent_id");
                b.ToTable($"entity_{e}");
            });
            if (e > 0)
            {
                modelBuilder.Entity(name, b => b.HasOne($"Bench.Entity{e - 1}", null).WithMany().HasForeignKey("parent_id"));
            }
        }
    }
}
