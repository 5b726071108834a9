using System.Text.RegularExpressions;

namespace EfSafeMigrations.Tests;

/// <summary>Rules for the repository itself: nothing names a package registry host.</summary>
public partial class RepositoryHygieneTests
{
    private static readonly string Root = FindRoot();

    [Test]
    public void Nuget_config_names_no_package_source_url()
    {
        var config = File.ReadAllText(Path.Combine(Root, "nuget.config"));

        config.Should().NotMatchRegex("(?i)https?://", "sources are inherited from the machine so any mirror works");
        config.Should().NotContain("<clear", "clearing sources would cut the machine's registry off");
    }

    [Test]
    public void No_file_names_a_package_registry_host()
    {
        var offenders = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(path => !IsIgnored(path))
            .Where(path => new FileInfo(path).Length < 2_000_000)
            .Where(path => RegistryHost().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(Root, path))
            .ToList();

        offenders.Should().BeEmpty();
    }

    // Assembled from parts so that this file does not name the hosts it looks for.
    [GeneratedRegex("(?i)(nuget" + @"\.org|npm" + @"js\.(org|com)|deb" + @"\.debian\.org|py" + @"pi\.org|docker" + @"\.io|mcr" + @"\.microsoft\.com)")]
    private static partial Regex RegistryHost();

    private static bool IsIgnored(string path)
    {
        var relative = Path.GetRelativePath(Root, path).Replace('\\', '/');
        return relative.StartsWith(".git/", StringComparison.Ordinal)
               || relative.Contains("/bin/", StringComparison.Ordinal)
               || relative.Contains("/obj/", StringComparison.Ordinal)
               || relative.StartsWith("artifacts/", StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EfSafeMigrations.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EfSafeMigrations.sln not found above the test binaries.");
    }
}
