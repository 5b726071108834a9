namespace EfSafeMigrations.EndToEndTests.Infrastructure;

/// <summary>
/// A throwaway project outside the repository, made from a template under Samples/, referencing the
/// packed EfSafeMigrations package as a user's project would. Deleted on dispose.
/// </summary>
public sealed class SampleProject : IDisposable
{
    private SampleProject(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    /// <summary>The project (and assembly) name.</summary>
    public string Name { get; }

    /// <summary>The .csproj path.</summary>
    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    /// <summary>Creates a project from <c>Samples/<paramref name="template"/></c>, referencing the packed library.</summary>
    /// <param name="template">Folder under Samples/ whose files are copied.</param>
    /// <param name="extraProjectXml">Extra XML inside the project's PropertyGroup (for example TreatWarningsAsErrors).</param>
    public static async Task<SampleProject> CreateAsync(string template, string extraProjectXml = "")
    {
        var (feed, version) = await LocalPackageFeed.GetAsync();
        var name = "Sample" + template;
        var directory = Path.Combine(Path.GetTempPath(), "esm-e2e-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal), name);
        System.IO.Directory.CreateDirectory(directory);
        foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Samples, template), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(Path.Combine(RepositoryPaths.Samples, template), file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var efVersion = typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.GetName().Version!;
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {extraProjectXml}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EfSafeMigrations" Version="{version}" />
                <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="{NpgsqlEfVersion()}" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Design" Version="{efVersion.Major}.{efVersion.Minor}.{efVersion.Build}">
                  <PrivateAssets>all</PrivateAssets>
                  <IncludeAssets>runtime; build; native; contentfiles; analyzers; buildtransitive</IncludeAssets>
                </PackageReference>
              </ItemGroup>
            </Project>
            """);
        await LocalPackageFeed.WriteNuGetConfigAsync(directory, feed);
        var project = new SampleProject(directory, name);
        (await project.DotnetAsync("restore", "-nologo")).ShouldSucceed();
        return project;
    }

    /// <summary>Runs <c>dotnet-ef</c> (the repository's pinned local tool) against this project.</summary>
    public Task<CommandResult> EfAsync(params string[] arguments) => EfAsync(null, arguments);

    /// <summary>Runs <c>dotnet-ef</c> against this project with extra environment variables.</summary>
    public Task<CommandResult> EfAsync(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
        => CommandRunner.RunAsync(RepositoryPaths.Root, "dotnet",
            ["tool", "run", "dotnet-ef", .. arguments, "--project", ProjectFile, "--no-color"], environment);

    /// <summary>Runs <c>dotnet</c> in the project folder.</summary>
    public Task<CommandResult> DotnetAsync(params string[] arguments)
        => CommandRunner.RunAsync(Directory, "dotnet", arguments);

    /// <summary>Runs the built app with <paramref name="arguments"/> and extra environment variables.</summary>
    public Task<CommandResult> RunAppAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
        => CommandRunner.RunAsync(Directory, "dotnet", ["run", "--no-build", "--", .. arguments], environment);

    /// <summary>Reads a file of the project (for example a generated migration).</summary>
    public string ReadFile(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string NpgsqlEfVersion()
    {
        var version = typeof(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder).Assembly.GetName().Version!;
        return $"{version.Major}.{version.Minor}.{version.Build}";
    }
}
