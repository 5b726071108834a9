using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// What a migration's own <c>Up</c> creates, inserts and renames, so that the <c>Down</c> calls undoing exactly that
/// are recognised: <c>DropTable</c> of the table <c>Up</c> created, <c>DropColumn</c> of the column it added, a rename
/// back, <c>DeleteData</c> of the seed rows it inserted. EF scaffolds these in every <c>Down</c>; they remove only what
/// the same migration brought, so reporting them is noise. Read from syntax (EF writes named constant arguments):
/// the <c>Up</c> body is not bound again for this.
/// </summary>
internal sealed class OwnUpChanges
{
    private static readonly HashSet<string> Recorded = new()
    {
        "CreateTable", "AddColumn", "CreateIndex", "RenameColumn", "RenameTable", "InsertData", "EnsureSchema",
    };

    private readonly List<(string Method, Dictionary<string, string?> Arguments)> _calls;

    private OwnUpChanges(List<(string Method, Dictionary<string, string?> Arguments)> calls) => _calls = calls;

    /// <summary>The <c>Up</c> calls of the migration class (every partial declaration).</summary>
    public static OwnUpChanges Of(INamedTypeSymbol migrationClass, CancellationToken cancellationToken)
    {
        var calls = new List<(string, Dictionary<string, string?>)>();
        foreach (var up in migrationClass.GetMembers("Up").OfType<IMethodSymbol>())
        {
            foreach (var reference in up.DeclaringSyntaxReferences)
            {
                foreach (var invocation in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (invocation.Expression is MemberAccessExpressionSyntax member && Recorded.Contains(member.Name.Identifier.ValueText))
                    {
                        calls.Add((member.Name.Identifier.ValueText, NamedStrings(invocation.ArgumentList)));
                    }
                }
            }
        }

        return new OwnUpChanges(calls);
    }

    /// <summary>Whether the <c>Down</c> call reverts one of <c>Up</c>'s calls.</summary>
    public bool AreUndoneBy(MigrationBuilderCall call)
    {
        string? Arg(string name) => call.String(name);
        return call.Name switch
        {
            "DropTable" => Any("CreateTable", up => Same(up, "name", Arg("name")) && Same(up, "schema", Arg("schema"))),
            "DropColumn" => Any("AddColumn", up => SameColumn(up, call)),
            "DropIndex" => Any("CreateIndex", up => Same(up, "name", Arg("name")) && Same(up, "schema", Arg("schema"))),
            "RenameColumn" => Any("RenameColumn", up => Same(up, "name", Arg("newName")) && Same(up, "newName", Arg("name"))
                                                       && Same(up, "table", Arg("table")) && Same(up, "schema", Arg("schema"))),
            "RenameTable" => Any("RenameTable", up => Same(up, "name", Arg("newName")) && Same(up, "newName", Arg("name"))),
            "DeleteData" => Any("InsertData", up => Same(up, "table", Arg("table")) && Same(up, "schema", Arg("schema"))),
            "DropSchema" => Any("EnsureSchema", up => Same(up, "name", Arg("name"))),
            _ => false,
        };
    }

    private bool Any(string upMethod, System.Func<Dictionary<string, string?>, bool> matches)
        => _calls.Any(up => up.Method == upMethod && matches(up.Arguments));

    private static bool SameColumn(Dictionary<string, string?> up, MigrationBuilderCall call)
        => Same(up, "name", call.String("name")) && Same(up, "table", call.String("table")) && Same(up, "schema", call.String("schema"));

    // A named argument absent from Up matches an absent (null) one in Down: EF leaves out the schema when there is none.
    private static bool Same(Dictionary<string, string?> up, string parameter, string? downValue)
        => (up.TryGetValue(parameter, out var value) ? value : null) == downValue;

    private static Dictionary<string, string?> NamedStrings(ArgumentListSyntax arguments)
    {
        var values = new Dictionary<string, string?>();
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameColon is { } name)
            {
                values[name.Name.Identifier.ValueText] = argument.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                    ? literal.Token.ValueText
                    : null;
            }
        }

        return values;
    }
}
