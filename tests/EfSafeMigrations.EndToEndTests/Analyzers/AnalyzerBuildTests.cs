using EfSafeMigrations.EndToEndTests.Infrastructure;

namespace EfSafeMigrations.EndToEndTests.Analyzers;

/// <summary>Installing the package is enough: dotnet build reports dangerous migration code with the rule id.</summary>
public class AnalyzerBuildTests
{
    [Test]
    public async Task Dotnet_build_warns_on_a_dangerous_migration_and_fails_when_warnings_are_errors()
    {
        using var sample = await SampleProject.CreateAsync("AnalyzerWarnings");

        var build = (await sample.DotnetAsync("build", "-nologo", "--no-incremental")).ShouldSucceed();
        build.Output.Should().Contain("warning ESM0018").And.Contain("Column Customers.LegacyCode is dropped")
            .And.Contain("docs/rules/ESM0018.md", "the help link is part of the report");

        var strict = await sample.DotnetAsync("build", "-nologo", "--no-incremental", "-p:TreatWarningsAsErrors=true");
        strict.ExitCode.Should().NotBe(0, strict.ToString());
        strict.Output.Should().Contain("error ESM0018");
    }

    [Test]
    public async Task The_analyzer_can_be_turned_off_per_rule_in_editorconfig()
    {
        using var sample = await SampleProject.CreateAsync("AnalyzerWarnings");
        await File.WriteAllTextAsync(Path.Combine(sample.Directory, ".editorconfig"), """
            root = true

            [*.cs]
            dotnet_diagnostic.ESM0018.severity = none
            """);

        var build = (await sample.DotnetAsync("build", "-nologo", "--no-incremental", "-p:TreatWarningsAsErrors=true")).ShouldSucceed();
        build.Output.Should().NotContain("ESM0018");
    }
}
