using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// The columns the project's migrations retire (<c>migrationBuilder.RetireColumn(table, name)</c>, expand/contract): EF's
/// <c>DropColumn</c> of one of them, in a later migration, is the planned end of the retirement, not ESM0018/ESM0051, as at
/// run time. Read from the syntax of the files that mention <c>RetireColumn</c>, once per compilation and only when a
/// <c>DropColumn</c> asks.
/// </summary>
internal sealed class RetiredColumns
{
    private readonly System.Lazy<HashSet<string>> _keys;

    public RetiredColumns(Compilation compilation, CancellationToken cancellationToken)
        => _keys = new System.Lazy<HashSet<string>>(() => Scan(compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);

    public bool Contains(string? table, string? column) => table is not null && column is not null && _keys.Value.Contains(Key(table, column));

    private static HashSet<string> Scan(Compilation compilation, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetText(cancellationToken).ToString().IndexOf("RetireColumn", System.StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "RetireColumn" } } invocation
                    && Argument(invocation.ArgumentList.Arguments, "table", 0) is { } table
                    && Argument(invocation.ArgumentList.Arguments, "name", 1) is { } column)
                {
                    keys.Add(Key(table, column));
                }
            }
        }

        return keys;
    }

    private static string? Argument(SeparatedSyntaxList<ArgumentSyntax> arguments, string name, int position)
    {
        ArgumentSyntax? found = null;
        foreach (var argument in arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == name)
            {
                found = argument;
            }
        }

        found ??= position < arguments.Count && arguments[position].NameColon is null ? arguments[position] : null;
        return found?.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
    }

    private static string Key(string table, string column) => table + "\u0000" + column;
}
