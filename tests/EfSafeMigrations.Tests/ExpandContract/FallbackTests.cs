using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>Opted-in changes that cannot be expanded stay EF's operations, with a note saying why and what to do.</summary>
public class FallbackTests
{
    [Test]
    public void A_primary_key_column_or_an_index_keeping_its_name_stays_efs_rename_with_a_note()
    {
        using var before = new FallbackContext(1);
        using var harness = new ScaffoldingHarness(new FallbackContext(2));

        var (up, down) = harness.Scaffold(before);

        up.Should().NotContain(o => o is ExpansionOperation);
        down.Should().NotContain(o => o is ExpansionOperation);
        up.OfType<RenameColumnOperation>().Select(o => o.NewName).Should().BeEquivalentTo("TagId", "Label");
        var notes = ((SafeMigrationsModelDiffer)harness.Differ).ExpansionNotes;
        notes.Should().HaveCount(2);
        notes.Should().Contain(n => n.Contains("tags.Id renamed to TagId", StringComparison.Ordinal) && n.Contains("primary key", StringComparison.Ordinal));
        notes.Should().Contain(n => n.Contains("index ix_tags_name keeps its name", StringComparison.Ordinal));
    }

    private sealed class Tag
    {
        public int Id { get; set; }

        public string Name { get; set; } = "";
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
                }
            });

        private sealed class VersionKey : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
        {
            public object Create(DbContext context, bool designTime) => (((FallbackContext)context).Version, designTime);
        }
    }
}
