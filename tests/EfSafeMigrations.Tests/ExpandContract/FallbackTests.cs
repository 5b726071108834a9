using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>Opted-in changes that cannot be expanded stay EF's operations, with a note saying why and what to do.</summary>
public class FallbackTests
{
    [Test]
    public void A_primary_key_column_an_index_keeping_its_name_or_a_type_change_in_place_stays_efs_operation_with_a_note()
    {
        using var before = new FallbackContext(1);
        using var harness = new ScaffoldingHarness(new FallbackContext(2));

        var (up, down) = harness.Scaffold(before);

        up.Should().NotContain(o => o is ExpansionOperation);
        down.Should().NotContain(o => o is ExpansionOperation);
        up.OfType<RenameColumnOperation>().Select(o => o.NewName).Should().BeEquivalentTo("TagId", "Label");
        var notes = ((SafeMigrationsModelDiffer)harness.Differ).ExpansionNotes;
        up.OfType<AlterColumnOperation>().Should().ContainSingle(o => o.Name == "Weight" && o.ColumnType == "bigint");
        notes.Should().HaveCount(3);
        notes.Should().Contain(n => n.Contains("tags.Weight changes type in place", StringComparison.Ordinal) && n.Contains("HasColumnName", StringComparison.Ordinal));
        notes.Should().Contain(n => n.Contains("tags.Id renamed to TagId", StringComparison.Ordinal) && n.Contains("primary key", StringComparison.Ordinal));
        notes.Should().Contain(n => n.Contains("index ix_tags_name keeps its name", StringComparison.Ordinal));
    }

    private sealed class Tag
    {
        public int Id { get; set; }

        public string Name { get; set; } = "";

        public int Weight { get; set; }
    }

    private sealed class FallbackContext(int version) : DbContext
    {
        public int Version { get; } = version;

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
            => optionsBuilder.UseNpgsql("Host=localhost;Database=never_connects")
                .UseSafeMigrations(o => o.ExpandContract.Scaffold = true)
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, VersionKey>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Tag>(tag =>
            {
                tag.ToTable("tags");
                tag.HasIndex(t => t.Name).HasDatabaseName("ix_tags_name");
                if (Version == 2)
                {
                    tag.Property(t => t.Id).HasColumnName("TagId");
                    tag.Property(t => t.Name).HasColumnName("Label");
                    tag.Property(t => t.Weight).HasConversion<long>().HasColumnType("bigint");
                }
            });

        private sealed class VersionKey : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
        {
            public object Create(DbContext context, bool designTime) => (((FallbackContext)context).Version, designTime);
        }
    }
}
