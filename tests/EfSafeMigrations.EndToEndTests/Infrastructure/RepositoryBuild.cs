namespace EfSafeMigrations.EndToEndTests.Infrastructure;

/// <summary>
/// One build of repository projects at a time: packing the library and building the sample both write the
/// library's obj/ folder, and two builds writing it at once corrupt each other.
/// </summary>
public static class RepositoryBuild
{
    public static SemaphoreSlim Gate { get; } = new(1, 1);
}
