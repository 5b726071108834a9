using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EfSafeMigrations.Analyzers.CodeFixes;

/// <summary>Shared plumbing: finds the reported <c>migrationBuilder.X(...)</c> invocation.</summary>
public abstract class MigrationCodeFix : CodeFixProvider
{
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    protected static async Task<(SyntaxNode Root, InvocationExpressionSyntax Invocation)?> FindInvocationAsync(
        Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        while (node is not null and not InvocationExpressionSyntax)
        {
            node = node.Parent;
        }

        return root is not null && node is InvocationExpressionSyntax invocation ? (root, invocation) : null;
    }

    /// <summary>The string constant passed for <paramref name="parameter"/> (by name, or by position among <paramref name="positional"/>).</summary>
    protected static string? StringArgument(SemanticModel model, InvocationExpressionSyntax invocation, string parameter, CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not Microsoft.CodeAnalysis.Operations.IInvocationOperation operation)
        {
            return null;
        }

        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter?.Name == parameter)
            {
                return argument.Value.ConstantValue is { HasValue: true, Value: string text } ? text : null;
            }
        }

        return null;
    }

    protected static ImmutableArray<string> Ids(params Rule[] rules)
    {
        var builder = ImmutableArray.CreateBuilder<string>(rules.Length);
        foreach (var rule in rules)
        {
            builder.Add(rule.Id);
        }

        return builder.MoveToImmutable();
    }
}
