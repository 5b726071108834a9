using System.Reflection;
using EfSafeMigrations.Analyzers.CodeFixes;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace EfSafeMigrations.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every analyzer and code fix of the package over a test source, as a user's build would: expected
/// diagnostics must match exactly (no extra findings from other rules).
/// </summary>
internal sealed class MigrationTest : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, EmptyCodeFixProvider, DefaultVerifier>
{
    private static readonly DiagnosticAnalyzer[] Analyzers = Instances<DiagnosticAnalyzer>(typeof(MigrationSafetyAnalyzer).Assembly);
    private static readonly CodeFixProvider[] Fixes = Instances<CodeFixProvider>(typeof(SafetyAssuredCodeFix).Assembly);

    public MigrationTest(string source, string? fixedSource = null)
    {
        TestState.Sources.Add(source);
        ReferenceAssemblies = TestReferences.Assemblies;
        TestState.AdditionalReferences.AddRange(TestReferences.Metadata);
        if (fixedSource is not null)
        {
            FixedState.Sources.Add(fixedSource);
        }
    }

    /// <summary>Every analyzer type in the analyzer assembly.</summary>
    public static IReadOnlyList<DiagnosticAnalyzer> AllAnalyzers => Analyzers;

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;

    protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => Fixes;

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new MigrationTest(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Verifies with MSBuild properties visible to the analyzer, as the package's build targets pass them.</summary>
    public static Task VerifyWithPropertiesAsync(string source, IReadOnlyDictionary<string, string> properties, params DiagnosticResult[] expected)
    {
        var test = new MigrationTest(source);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig",
            "is_global = true\n" + string.Concat(properties.Select(p => $"build_property.{p.Key} = {p.Value}\n"))));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task VerifyFixAsync(string source, string fixedSource, int? codeActionIndex = null)
    {
        var test = new MigrationTest(source, fixedSource) { CodeActionIndex = codeActionIndex };
        return test.RunAsync();
    }

    private static T[] Instances<T>(Assembly assembly)
        => assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(T).IsAssignableFrom(type))
            .Select(type => (T)Activator.CreateInstance(type, nonPublic: true)!)
            .ToArray();
}
