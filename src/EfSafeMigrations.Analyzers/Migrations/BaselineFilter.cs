using System.IO;
using EfSafeMigrations.Linting.Baseline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// Skips the migrations at or before the project's adoption baseline (the MSBuild property
/// <c>EfSafeMigrationsBaseline</c>, made visible to analyzers by the package's build targets): old migrations
/// that plain EF applied long ago must not break a build that treats warnings as errors.
/// </summary>
internal sealed class BaselineFilter
{
    private readonly MigrationBaseline? _baseline;
    private readonly INamedTypeSymbol? _migrationAttribute;

    private BaselineFilter(MigrationBaseline? baseline, INamedTypeSymbol? migrationAttribute)
    {
        _baseline = baseline;
        _migrationAttribute = migrationAttribute;
    }

    public static BaselineFilter Create(Compilation compilation, AnalyzerOptions options)
    {
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property." + MigrationBaseline.PropertyName, out var value);
        return new BaselineFilter(MigrationBaseline.Parse(value), compilation.GetTypeByMetadataName(KnownNames.MigrationAttribute));
    }

    /// <summary>Whether the migration class is covered by the baseline (never, when no baseline is set).</summary>
    public bool IsBaselined(INamedTypeSymbol migrationClass, SyntaxTree tree)
        => _baseline is not null && MigrationId(migrationClass, tree) is { } id && _baseline.Covers(id);

    /// <summary>
    /// The id EF knows the migration by: <c>[Migration("...")]</c>, which EF scaffolds onto the Designer partial; else
    /// the file name when it has the scaffolded <c>yyyyMMddHHmmss_Name.cs</c> form.
    /// </summary>
    private string? MigrationId(INamedTypeSymbol migrationClass, SyntaxTree tree)
    {
        foreach (var attribute in migrationClass.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _migrationAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string id)
            {
                return id;
            }
        }

        var name = Path.GetFileNameWithoutExtension(tree.FilePath);
        return name.Length > 15 && name[14] == '_' && IsDigits(name.Substring(0, 14)) ? name : null;
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
