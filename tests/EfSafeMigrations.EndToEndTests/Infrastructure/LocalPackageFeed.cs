using System.Globalization;

namespace EfSafeMigrations.EndToEndTests.Infrastructure;

/// <summary>
/// Packs the library once per test run into a local folder, with a version of its own, so the NuGet
/// cache never serves a stale copy from an earlier run.
/// </summary>
public static class LocalPackageFeed
{
    private static (string Folder, string Version)? _packed;

    /// <summary>Packs (once) and returns the feed folder and the package version.</summary>
    public static async Task<(string Folder, string Version)> GetAsync()
    {
        await RepositoryBuild.Gate.WaitAsync();
        try
        {
            if (_packed is { } packed)
            {
                return packed;
            }

            var version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId;
            var folder = Path.Combine(Path.GetTempPath(), "esm-feed-" + version);
            Directory.CreateDirectory(folder);
            (await CommandRunner.RunAsync(RepositoryPaths.Root, "dotnet",
                ["pack", "src/EfSafeMigrations/EfSafeMigrations.csproj", "-c", "Release", "-o", folder, $"-p:Version={version}", "-nologo"],
                timeout: TimeSpan.FromMinutes(5))).ShouldSucceed();
            _packed = (folder, version);
            return _packed.Value;
        }
        finally
        {
            RepositoryBuild.Gate.Release();
        }
    }

    /// <summary>
    /// Writes a nuget.config into <paramref name="directory"/> that adds the feed folder (a path, never a URL),
    /// as a user adds a private feed; every other source is inherited from the machine.
    /// </summary>
    public static Task WriteNuGetConfigAsync(string directory, string feed)
        => File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="efsafemigrations-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
}
