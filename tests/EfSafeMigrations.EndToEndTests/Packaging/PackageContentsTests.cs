using System.IO.Compression;
using System.Xml.Linq;
using EfSafeMigrations.EndToEndTests.Infrastructure;

namespace EfSafeMigrations.EndToEndTests.Packaging;

/// <summary>What <c>dotnet pack src/EfSafeMigrations</c> produces: metadata, files, symbols, dependencies.</summary>
public class PackageContentsTests
{
    [Test]
    public async Task The_package_carries_metadata_readme_licence_docs_build_targets_and_symbols()
    {
        var (feed, version) = await LocalPackageFeed.GetAsync();
        var package = Path.Combine(feed, $"EfSafeMigrations.{version}.nupkg");
        using var zip = ZipFile.OpenRead(package);
        var files = zip.Entries.Select(e => e.FullName).ToList();
        XNamespace ns = XDocument.Load(zip.GetEntry("EfSafeMigrations.nuspec")!.Open()).Root!.Name.Namespace;
        var metadata = XDocument.Load(zip.GetEntry("EfSafeMigrations.nuspec")!.Open()).Root!.Element(ns + "metadata")!;

        metadata.Element(ns + "id")!.Value.Should().Be("EfSafeMigrations");
        metadata.Element(ns + "version")!.Value.Should().Be(version);
        metadata.Element(ns + "license")!.Attribute("type")!.Value.Should().Be("expression");
        metadata.Element(ns + "license")!.Value.Should().Be("MIT");
        metadata.Element(ns + "readme")!.Value.Should().Be("README.md");
        metadata.Element(ns + "description")!.Value.Should().Contain("PostgreSQL");
        metadata.Element(ns + "repository")!.Attribute("commit")!.Value.Should().MatchRegex("^[0-9a-f]{40}$", "SourceLink records the commit");
        files.Should().Contain([
            "README.md",
            "lib/net10.0/EfSafeMigrations.dll",
            "lib/net10.0/EfSafeMigrations.xml",
            "build/EfSafeMigrations.targets",
            "buildTransitive/EfSafeMigrations.targets",
        ]);
        if (Directory.Exists(Path.Combine(RepositoryPaths.Root, "src", "EfSafeMigrations.Analyzers")))
        {
            files.Should().Contain("analyzers/dotnet/cs/EfSafeMigrations.Analyzers.dll", "the build-time analyzer ships inside the package");
        }

        files.Should().NotContain(f => f.EndsWith(".runtimeconfig.json", StringComparison.Ordinal) || f.EndsWith(".deps.json", StringComparison.Ordinal));

        var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
        dependencies.Should().Contain(["Microsoft.EntityFrameworkCore.Relational", "Npgsql.EntityFrameworkCore.PostgreSQL"]);
        dependencies.Should().NotContain(d => d.Contains("Design", StringComparison.Ordinal) || d.Contains("CodeAnalysis", StringComparison.Ordinal)
            || d.Contains("Testcontainers", StringComparison.Ordinal), "users get only what the runtime needs");

        var symbols = Path.Combine(feed, $"EfSafeMigrations.{version}.snupkg");
        File.Exists(symbols).Should().BeTrue("symbols ship as a .snupkg");
        using var symbolZip = ZipFile.OpenRead(symbols);
        symbolZip.Entries.Select(e => e.FullName).Should().Contain("lib/net10.0/EfSafeMigrations.pdb");
    }
}
