namespace EfSafeMigrations.EndToEndTests.Infrastructure;

/// <summary>Locates the repository the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding EfSafeMigrations.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Template sources for sample projects.</summary>
    public static string Samples => Path.Combine(Root, "tests", "EfSafeMigrations.EndToEndTests", "Samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EfSafeMigrations.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EfSafeMigrations.sln above {AppContext.BaseDirectory}.");
    }
}
