using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EfSafeMigrations.Analyzers.Tests.Infrastructure;

/// <summary>
/// Source of a user's own helper class with every public method of EF's <c>MigrationBuilder</c> (same names and
/// parameters): calls on it look exactly like migration code but are not, so no rule may fire on them.
/// </summary>
internal static class LookAlikeBuilder
{
    public const string TypeName = "LookAlikeBuilder";

    private static readonly Lazy<string> Text = new(Generate);

    public static string Source => Text.Value;

    /// <summary>Rewrites migration statements to call the look-alike: <c>migrationBuilder.X</c> becomes <c>helper.X</c>.</summary>
    public static string Rewrite(string statements)
        => "var helper = new " + TypeName + "();\n" + Markup.Strip(statements).Replace("migrationBuilder.", "helper.", StringComparison.Ordinal);

    private static string Generate()
    {
        var compilation = CSharpCompilation.Create("probe", references: TestReferences.Metadata);
        var builder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder")!;
        var format = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
            SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
        var text = new StringBuilder();
        text.AppendLine("public sealed class " + TypeName + "Operation");
        text.AppendLine("{");
        text.AppendLine("    public " + TypeName + "Operation Annotation(string name, object value) => this;");
        text.AppendLine("}");
        text.AppendLine();
        text.AppendLine("public sealed class " + TypeName);
        text.AppendLine("{");
        foreach (var method in builder.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || method.IsStatic)
            {
                continue;
            }

            var typeParameters = method.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">";
            var parameters = string.Join(", ", method.Parameters.Select(p =>
                p.Type.ToDisplayString(format) + " " + p.Name + (p.HasExplicitDefaultValue ? " = default" : "")));
            text.AppendLine($"    public {TypeName}Operation {method.Name}{typeParameters}({parameters}) => new {TypeName}Operation();");
        }

        text.AppendLine("}");
        return text.ToString();
    }
}
