namespace EfSafeMigrations.EndToEndTests.Infrastructure;

/// <summary>
/// The repository's sample app (samples/EfSafeMigrations.Sample), built once per test run into a folder of
/// its own (so a later rebuild of the repository never changes it under a running test) and run as a
/// process, the way a user runs <c>dotnet run -- &lt;command&gt;</c>.
/// </summary>
public static class SampleApp
{
    /// <summary>The sample reads its connection string from here (or starts a throwaway server without one).</summary>
    public const string ConnectionStringVariable = "EFSAFEMIGRATIONS_SAMPLE_CONNECTION_STRING";

    private static string? _dll;

    public static string ProjectFile => Path.Combine(RepositoryPaths.Root, "samples", "EfSafeMigrations.Sample", "EfSafeMigrations.Sample.csproj");

    /// <summary>Builds the sample (once per run) and returns its entry assembly.</summary>
    public static async Task<string> BuildAsync()
    {
        await RepositoryBuild.Gate.WaitAsync();
        try
        {
            if (_dll is not null)
            {
                return _dll;
            }

            var output = Path.Combine(Path.GetTempPath(), "esm-sample-" + Environment.ProcessId + "-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
            (await CommandRunner.RunAsync(RepositoryPaths.Root, "dotnet",
                ["build", ProjectFile, "-c", "Release", "-o", output, "-nologo", "-clp:ErrorsOnly"], timeout: TimeSpan.FromMinutes(5))).ShouldSucceed();
            return _dll = Path.Combine(output, "EfSafeMigrations.Sample.dll");
        }
        finally
        {
            RepositoryBuild.Gate.Release();
        }
    }

    /// <summary>Runs <c>EfSafeMigrations.Sample &lt;arguments&gt;</c> against <paramref name="connectionString"/>.</summary>
    public static async Task<CommandResult> RunAsync(string? connectionString, params string[] arguments)
        => await RunDllAsync(await BuildAsync(), connectionString, arguments);

    /// <summary>Runs a built sample (the sample itself or a variant) against <paramref name="connectionString"/>.</summary>
    public static Task<CommandResult> RunDllAsync(string dll, string? connectionString, params string[] arguments)
        => RunDllInAsync(Path.GetDirectoryName(dll)!, dll, connectionString, arguments);

    /// <summary>Like <see cref="RunDllAsync"/>, from <paramref name="workingDirectory"/> (a CI job runs in the repository).</summary>
    public static Task<CommandResult> RunDllInAsync(string workingDirectory, string dll, string? connectionString, params string[] arguments)
        => CommandRunner.RunAsync(workingDirectory, "dotnet", [dll, .. arguments],
            new Dictionary<string, string?> { [ConnectionStringVariable] = connectionString });

    /// <summary>
    /// A copy of the sample changed by <paramref name="edit"/> (which gets the copy's folder), built into a folder of
    /// its own: for the mistakes a user makes (a dangerous migration without its assurance, ...).
    /// </summary>
    public static async Task<string> BuildVariantAsync(string name, Action<string> edit)
    {
        var source = Path.GetDirectoryName(ProjectFile)!;
        // Under the repository's artifacts/ (ignored by git) so that its Directory.Build.props and central package versions apply.
        var root = Path.Combine(RepositoryPaths.Root, "artifacts", "e2e-variants", name + "-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
        var project = Path.Combine(root, "EfSafeMigrations.Sample");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project, relative))!);
            File.Copy(file, Path.Combine(project, relative));
        }

        // The copy lives elsewhere in the repository: its references to the library are made absolute.
        var csproj = Path.Combine(project, "EfSafeMigrations.Sample.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace(@"..\..\src\", Path.Combine(RepositoryPaths.Root, "src") + "/", StringComparison.Ordinal));
        edit(project);

        await RepositoryBuild.Gate.WaitAsync();
        try
        {
            var output = Path.Combine(root, "out");
            (await CommandRunner.RunAsync(project, "dotnet", ["build", csproj, "-c", "Release", "-o", output, "-nologo", "-clp:ErrorsOnly"],
                timeout: TimeSpan.FromMinutes(5))).ShouldSucceed();
            return Path.Combine(output, "EfSafeMigrations.Sample.dll");
        }
        finally
        {
            RepositoryBuild.Gate.Release();
        }
    }

    /// <summary>A connection string to a closed port on this machine: nothing answers there.</summary>
    public static string UnreachableConnectionString()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // closed again: connections are refused
        return $"Host=127.0.0.1;Port={port};Database=app;Username=app_user;Password=hunter2-secret";
    }
}
