using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace EfSafeMigrations.Analyzers.CodeFixes;

/// <summary>
/// Drops, renames and seed-data changes have no safe rewrite: the fix marks the migration
/// <c>[SafetyAssured("ESMxxxx", Reason = "TODO: ...")]</c> so the author states why it is safe.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SafetyAssuredCodeFix)), Shared]
public sealed class SafetyAssuredCodeFix : MigrationCodeFix
{
    public const string TodoReason = "TODO: say why this is safe (for example: unused since version X, backed up in Y)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = Ids(
        RuleCatalog.RenameColumn, RuleCatalog.RenameTable, RuleCatalog.DropColumn, RuleCatalog.DropTable, RuleCatalog.DropSchema,
        RuleCatalog.DropNotNull, RuleCatalog.SeedDataDelete, RuleCatalog.SeedDataUpdate);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model?.Compilation.GetTypeByMetadataName(KnownNames.SafetyAssuredAttribute) is null)
        {
            return; // the runtime package (which declares the attribute) is not referenced
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var type = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>();
            if (type is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Mark the migration [SafetyAssured(\"" + diagnostic.Id + "\")] with a reason",
                    token => AssureAsync(context.Document, root, type, diagnostic.Id, token),
                    nameof(SafetyAssuredCodeFix) + diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> AssureAsync(Document document, SyntaxNode root, ClassDeclarationSyntax type, string ruleId, CancellationToken cancellationToken)
    {
        var changed = document.WithSyntaxRoot(root.ReplaceNode(type, Assure(type, ruleId)));
        // Scaffolded migrations have no "using EfSafeMigrations;": add it rather than a qualified name.
        return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static ClassDeclarationSyntax Assure(ClassDeclarationSyntax type, string ruleId)
    {
        var attribute = Attribute(
            ParseName("global::EfSafeMigrations.SafetyAssured").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
            AttributeArgumentList(SeparatedList(new[]
            {
                AttributeArgument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(ruleId))),
                AttributeArgument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(TodoReason))).WithNameEquals(NameEquals("Reason")),
            })));

        // Attributes go first, on their own line, with the class's indentation.
        var indentation = type.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
        var list = AttributeList(SingletonSeparatedList(attribute))
            .WithLeadingTrivia(type.AttributeLists.Count > 0 ? type.AttributeLists[0].GetLeadingTrivia() : type.GetLeadingTrivia())
            .WithTrailingTrivia(EndOfLineOf(type));
        var first = type.AttributeLists.Count > 0
            ? type.AttributeLists[0].WithLeadingTrivia(indentation)
            : null;
        if (first is null)
        {
            var modifiersFirst = type.WithoutLeadingTrivia().WithLeadingTrivia(indentation);
            return modifiersFirst.WithAttributeLists(modifiersFirst.AttributeLists.Insert(0, list));
        }

        return type.WithAttributeLists(type.AttributeLists.Replace(type.AttributeLists[0], first).Insert(0, list));
    }

    // The file's own line ending, so the fix does not mix CRLF into an LF file.
    private static SyntaxTrivia EndOfLineOf(SyntaxNode node)
    {
        var existing = node.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? existing : EndOfLine("\n");
    }
}
