using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.EndToEndTests.Design;

/// <summary>Installing the package is enough: dotnet ef picks up EfSafeMigrations' design-time services.</summary>
public class DesignTimeServicesTests
{
    [Test]
    public async Task Installing_the_package_hooks_into_dotnet_ef_with_no_user_code()
    {
        using var sample = await SampleProject.CreateAsync("Users");

        var added = (await sample.EfAsync("migrations", "add", "CreateUsers", "--verbose")).ShouldSucceed();

        added.Output.Should().Contain("EfSafeMigrations: checking migration", "the package's build targets reference the design-time services");
        Directory.GetFiles(Path.Combine(sample.Directory, "Migrations"), "*_CreateUsers.cs").Should().ContainSingle();

        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_design");
        var run = (await sample.RunAppAsync(new Dictionary<string, string?> { ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString })).ShouldSucceed();
        run.StandardOutput.Should().Contain("_CreateUsers");
    }
}
