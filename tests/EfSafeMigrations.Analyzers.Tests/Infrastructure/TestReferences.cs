using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace EfSafeMigrations.Analyzers.Tests.Infrastructure;

/// <summary>
/// What test sources compile against: the running .NET runtime's assemblies plus EF Core Relational and
/// Npgsql from this test project's output (no reference-pack download).
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    public static ReferenceAssemblies Assemblies { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Metadata => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var files = Directory.EnumerateFiles(runtime, "*.dll")
            .Where(file => Path.GetFileName(file) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
                .Where(file => Path.GetFileName(file) is var name
                               && (name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                                   || name.StartsWith("Npgsql", StringComparison.Ordinal)
                                   || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))));
        return files.Select(file => (MetadataReference)MetadataReference.CreateFromFile(file)).ToImmutableArray();
    }
}
