using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>Which part of a migration a method is.</summary>
internal enum MigrationMethodKind
{
    None = 0,
    Up = 1,
    Down = 2,
}

/// <summary>
/// Finds the <c>Up</c> and <c>Down</c> overrides of classes deriving from EF Core's <c>Migration</c>, by symbol
/// (a method named Up on an unrelated class is not a migration).
/// </summary>
internal sealed class MigrationClassDetector
{
    private readonly INamedTypeSymbol _migration;
    private readonly INamedTypeSymbol _migrationBuilder;

    private MigrationClassDetector(Compilation compilation, INamedTypeSymbol migration, INamedTypeSymbol migrationBuilder)
    {
        _migration = migration;
        _migrationBuilder = migrationBuilder;
        // Resolved once per compilation: comparing symbols is cheap, formatting their names per call is not.
        ColumnsBuilder = compilation.GetTypeByMetadataName(KnownNames.ColumnsBuilderType);
        CreateTableBuilder = compilation.GetTypeByMetadataName(KnownNames.CreateTableBuilderType);
        SafeExtensions = compilation.GetTypeByMetadataName(KnownNames.SafeMigrationBuilderExtensions);
    }

    /// <summary>EF Core's <c>MigrationBuilder</c>.</summary>
    public INamedTypeSymbol MigrationBuilder => _migrationBuilder;

    /// <summary>EF Core's <c>ColumnsBuilder</c> (<c>table.Column&lt;T&gt;(...)</c> inside <c>CreateTable</c>).</summary>
    public INamedTypeSymbol? ColumnsBuilder { get; }

    /// <summary>EF Core's <c>CreateTableBuilder&lt;TColumns&gt;</c> (<c>table.PrimaryKey(...)</c>), unbound.</summary>
    public INamedTypeSymbol? CreateTableBuilder { get; }

    /// <summary>EfSafeMigrations' <c>SafeMigrationBuilderExtensions</c>, when the runtime package is referenced.</summary>
    public INamedTypeSymbol? SafeExtensions { get; }

    /// <summary>Whether <paramref name="type"/> is <paramref name="expected"/> (generic types by their definition).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>A detector for the compilation, or <see langword="null"/> when it does not reference EF Core Relational.</summary>
    public static MigrationClassDetector? Create(Compilation compilation)
    {
        var migration = compilation.GetTypeByMetadataName(KnownNames.MigrationType);
        var builder = compilation.GetTypeByMetadataName(KnownNames.MigrationBuilderType);
        return migration is null || builder is null ? null : new MigrationClassDetector(compilation, migration, builder);
    }

    /// <summary>Whether <paramref name="method"/> is a migration's <c>Up</c> or <c>Down</c>.</summary>
    public MigrationMethodKind Classify(ISymbol symbol)
    {
        if (symbol is not IMethodSymbol { IsOverride: true, Parameters.Length: 1 } method
            || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _migrationBuilder)
            || !IsMigrationClass(method.ContainingType))
        {
            return MigrationMethodKind.None;
        }

        return method.Name switch
        {
            "Up" => MigrationMethodKind.Up,
            "Down" => MigrationMethodKind.Down,
            _ => MigrationMethodKind.None,
        };
    }

    /// <summary>Whether <paramref name="type"/> derives from <c>Migration</c>.</summary>
    public bool IsMigrationClass(INamedTypeSymbol? type)
    {
        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, _migration))
            {
                return true;
            }
        }

        return false;
    }
}
