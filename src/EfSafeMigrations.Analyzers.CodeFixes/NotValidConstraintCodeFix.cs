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
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace EfSafeMigrations.Analyzers.CodeFixes;

/// <summary>
/// ESM0004, ESM0005: splits an added foreign key or check into <c>.Annotation("EfSafeMigrations:NotValid", true)</c>
/// (added NOT VALID, instant) and a following <c>VALIDATE CONSTRAINT</c> step outside the transaction.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NotValidConstraintCodeFix)), Shared]
public sealed class NotValidConstraintCodeFix : MigrationCodeFix
{
    public const string Title = "Add NOT VALID, then VALIDATE in a separate step";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = Ids(RuleCatalog.ForeignKeyWithoutNotValid, RuleCatalog.CheckWithoutNotValid);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FindInvocationAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } found
                || found.Invocation.Expression is not MemberAccessExpressionSyntax { Expression: var receiver }
                || Statement(found.Invocation) is not { Parent: BlockSyntax } statement)
            {
                continue;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var name = model is null ? null : StringArgument(model, found.Invocation, "name", context.CancellationToken);
            var table = model is null ? null : StringArgument(model, found.Invocation, "table", context.CancellationToken);
            if (name is null || table is null)
            {
                continue;
            }

            var schema = StringArgument(model!, found.Invocation, "schema", context.CancellationToken);
            context.RegisterCodeFix(
                CodeAction.Create(Title, token => Task.FromResult(Fix(context.Document, found.Root, found.Invocation, statement, receiver, Validate(schema, table, name))), nameof(NotValidConstraintCodeFix)),
                diagnostic);
        }
    }

    private static Document Fix(Document document, SyntaxNode root, InvocationExpressionSyntax invocation, StatementSyntax statement, ExpressionSyntax receiver, string validateSql)
    {
        var notValid = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrailingTrivia(), IdentifierName("Annotation")),
                ArgumentList(SeparatedList(new[]
                {
                    Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(KnownNames.NotValid))),
                    Argument(LiteralExpression(SyntaxKind.TrueLiteralExpression)),
                })))
            .WithTrailingTrivia(invocation.GetTrailingTrivia());
        var newStatement = statement.ReplaceNode(invocation, notValid);
        var validate = ExpressionStatement(InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver.WithoutTrivia(), IdentifierName("Sql")),
                ArgumentList(SeparatedList(new[]
                {
                    Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(validateSql))),
                    Argument(LiteralExpression(SyntaxKind.TrueLiteralExpression)).WithNameColon(NameColon("suppressTransaction")),
                }))))
            .WithLeadingTrivia(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(statement.GetTrailingTrivia());
        var block = (BlockSyntax)statement.Parent!;
        var index = block.Statements.IndexOf(statement);
        var statements = block.Statements.RemoveAt(index).Insert(index, newStatement).Insert(index + 1, validate);
        return document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(statements)));
    }

    /// <summary>The VALIDATE statement, identifiers quoted as PostgreSQL requires (embedded quotes doubled).</summary>
    private static string Validate(string? schema, string table, string name)
        => "ALTER TABLE " + (string.IsNullOrEmpty(schema) ? string.Empty : Quote(schema!) + ".") + Quote(table) + " VALIDATE CONSTRAINT " + Quote(name) + ";";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static StatementSyntax? Statement(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax statement)
            {
                return statement is ExpressionStatementSyntax ? statement : null;
            }
        }

        return null;
    }
}
