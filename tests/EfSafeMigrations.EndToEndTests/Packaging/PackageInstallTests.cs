using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.EndToEndTests.Packaging;

/// <summary>A brand-new app installs the packed package the way a user does, and the commands work from it.</summary>
public class PackageInstallTests
{
    private const string ProgramSource = """
        using Microsoft.EntityFrameworkCore;

        var connectionString = Environment.GetEnvironmentVariable("APP_CONNECTION_STRING") ?? "Host=localhost;Database=app";
        if (await SafeMigrationsCommandLine.TryRunAsync(args, () => new AppDbContext(connectionString)) is { } exitCode) return exitCode;
        Console.WriteLine("the app itself");
        return 0;

        public sealed class Note
        {
            public long Id { get; set; }
            public required string Text { get; set; }
        }

        public sealed class AppDbContext(string connectionString) : DbContext
        {
            public DbSet<Note> Notes => Set<Note>();

            protected override void OnConfiguring(DbContextOptionsBuilder options)
                => options.UseNpgsql(connectionString).UseSafeMigrations();
        }
        """;

    [Test]
    public async Task A_new_console_app_installs_the_package_and_runs_the_commands_through_its_own_Program()
    {
        var (feed, version) = await LocalPackageFeed.GetAsync();
        var root = Path.Combine(Path.GetTempPath(), "esm-install-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
        var app = Path.Combine(root, "NotesApp");
        Directory.CreateDirectory(app);
        try
        {
            await LocalPackageFeed.WriteNuGetConfigAsync(root, feed);
            (await Dotnet(app, "new", "console", "--force")).ShouldSucceed();
            (await Dotnet(app, "add", "package", "EfSafeMigrations", "--version", version)).ShouldSucceed();
            (await Dotnet(app, "add", "package", "Npgsql.EntityFrameworkCore.PostgreSQL", "--version", NpgsqlEfVersion())).ShouldSucceed();
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ProgramSource);
            (await Dotnet(app, "build", "-nologo", "-p:TreatWarningsAsErrors=true")).ShouldSucceed();

            await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_install");
            var environment = new Dictionary<string, string?> { ["APP_CONNECTION_STRING"] = database.ConnectionString };
            var status = (await CommandRunner.RunAsync(app, "dotnet", ["run", "--no-build", "--", "status", "--json"], environment)).ShouldSucceed();
            var itself = (await CommandRunner.RunAsync(app, "dotnet", ["run", "--no-build"], environment)).ShouldSucceed();

            using var document = JsonDocument.Parse(status.StandardOutput);
            document.RootElement.GetProperty("context").GetString().Should().Be("AppDbContext");
            document.RootElement.GetProperty("outcome").GetString().Should().Be("success");
            itself.StandardOutput.Should().Contain("the app itself", "arguments that name no command fall through to the app");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Task<CommandResult> Dotnet(string directory, params string[] arguments) => CommandRunner.RunAsync(directory, "dotnet", arguments);

    private static string NpgsqlEfVersion()
    {
        var version = typeof(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder).Assembly.GetName().Version!;
        return $"{version.Major}.{version.Minor}.{version.Build}";
    }
}
