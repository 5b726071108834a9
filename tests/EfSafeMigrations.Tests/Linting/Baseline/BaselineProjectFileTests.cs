using EfSafeMigrations.Linting.Baseline;

namespace EfSafeMigrations.Tests.Linting.Baseline;

public class BaselineProjectFileTests
{
    [Test]
    public void The_property_joins_the_first_unconditioned_property_group_with_its_indentation()
    {
        const string project = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup Condition="'$(Configuration)' == 'Release'">
                <Optimize>true</Optimize>
              </PropertyGroup>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>

            """;

        BaselineProjectFile.SetBaseline(project, "20240601000000_DropLegacyCode").Should().Be("""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup Condition="'$(Configuration)' == 'Release'">
                <Optimize>true</Optimize>
              </PropertyGroup>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <EfSafeMigrationsBaseline>20240601000000_DropLegacyCode</EfSafeMigrationsBaseline>
              </PropertyGroup>
            </Project>

            """);
    }

    [Test]
    public void An_existing_baseline_is_moved_not_duplicated()
    {
        const string project = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <EfSafeMigrationsBaseline>20240101000000_Old</EfSafeMigrationsBaseline>
              </PropertyGroup>
            </Project>
            """;

        BaselineProjectFile.SetBaseline(project, "20250101000000_New").Should().Be(
            project.Replace("20240101000000_Old", "20250101000000_New", StringComparison.Ordinal));
    }

    [Test]
    public void A_project_without_a_property_group_gets_one()
    {
        const string project = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="EfSafeMigrations" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """;

        BaselineProjectFile.SetBaseline(project, "20250101000000_New").Should().Be("""
            <?xml version="1.0" encoding="utf-8"?>
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <EfSafeMigrationsBaseline>20250101000000_New</EfSafeMigrationsBaseline>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EfSafeMigrations" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
    }
}
