using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace EfSafeMigrations.Analyzers.CodeFixes;

/// <summary>ESM0001: chains <c>.Annotation("Npgsql:CreatedConcurrently", true)</c> onto <c>CreateIndex</c> (CREATE INDEX CONCURRENTLY, outside the transaction).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConcurrentIndexCodeFix)), Shared]
public sealed class ConcurrentIndexCodeFix : MigrationCodeFix
{
    public const string Title = "Create the index concurrently";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = Ids(RuleCatalog.NonConcurrentIndexCreation);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FindInvocationAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found
                || HasConcurrentAnnotation(found.Invocation))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(found.Root.ReplaceNode(found.Invocation, Concurrent(found.Invocation)))), nameof(ConcurrentIndexCodeFix)),
                diagnostic);
        }
    }

    private static InvocationExpressionSyntax Concurrent(InvocationExpressionSyntax invocation)
        => InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrailingTrivia(), IdentifierName("Annotation")),
                ArgumentList(SeparatedList(new[]
                {
                    Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(KnownNames.CreatedConcurrently))),
                    Argument(LiteralExpression(SyntaxKind.TrueLiteralExpression)),
                })))
            .WithTrailingTrivia(invocation.GetTrailingTrivia());

    // An explicit false is a deliberate opt-out: leave it to the user.
    private static bool HasConcurrentAnnotation(InvocationExpressionSyntax invocation)
        => invocation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Annotation", Parent: InvocationExpressionSyntax chained }
           && chained.ArgumentList.Arguments.Count > 0
           && chained.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal
           && literal.Token.ValueText == KnownNames.CreatedConcurrently;
}
