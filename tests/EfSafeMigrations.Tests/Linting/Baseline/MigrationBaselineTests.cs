using EfSafeMigrations.Linting.Baseline;

namespace EfSafeMigrations.Tests.Linting.Baseline;

public class MigrationBaselineTests
{
    [Test]
    public void A_baseline_covers_the_migrations_at_or_before_it_in_id_order()
    {
        var baseline = MigrationBaseline.Parse("20240601000000_DropLegacyCode")!;

        baseline.Covers("20240101000000_InitialCreate").Should().BeTrue();
        baseline.Covers("20240601000000_DropLegacyCode").Should().BeTrue();
        baseline.Covers("20240601000001_AddNickname").Should().BeFalse();
        baseline.Covers("20260101000000_Later").Should().BeFalse();
    }

    [Test]
    public void A_bare_timestamp_covers_every_migration_of_that_second()
    {
        var baseline = MigrationBaseline.Parse(" 20240601000000\n")!;

        baseline.Covers("20240601000000_DropLegacyCode").Should().BeTrue();
        baseline.Covers("20240601000001_AddNickname").Should().BeFalse();
    }

    [Test]
    public void A_blank_property_is_no_baseline()
    {
        MigrationBaseline.Parse(null).Should().BeNull();
        MigrationBaseline.Parse("  ").Should().BeNull();
    }

    [Test]
    public void The_package_targets_pass_the_property_to_the_analyzer_and_the_runtime()
    {
        var targets = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "EfSafeMigrations", "PackageBuild", "EfSafeMigrations.targets"));

        targets.Should().Contain($"<CompilerVisibleProperty Include=\"{MigrationBaseline.PropertyName}\" />")
            .And.Contain($"<_Parameter1>{MigrationBaseline.AssemblyMetadataKey}</_Parameter1>")
            .And.Contain($"<_Parameter2>$({MigrationBaseline.PropertyName})</_Parameter2>");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EfSafeMigrations.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
    }
}
