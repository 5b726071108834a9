using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// What a migration's own <c>Up</c> does, so that the <c>Down</c> calls reverting exactly that are recognised:
/// <c>DropTable</c> of the table <c>Up</c> created, <c>DropColumn</c> of the column it added, a rename back,
/// <c>DeleteData</c> of the seed rows it inserted, and the restore of what it dropped or altered (<c>AddColumn</c> of
/// the column <c>Up</c> dropped, <c>AlterColumn</c> back, the index or constraint re-created). EF scaffolds one of these
/// for every <c>Up</c> step; they only return the schema to where it was before the migration, and the risk they
/// mirror is reported on <c>Up</c>. Read from syntax (EF writes named constant arguments): <c>Up</c> is not bound again.
/// </summary>
internal sealed class OwnUpChanges
{
    private enum Match
    {
        /// <summary>Same <c>name</c> and <c>schema</c> (tables, indexes, schemas).</summary>
        Name,

        /// <summary>Same <c>name</c>, <c>table</c> and <c>schema</c> (columns, constraints).</summary>
        NameInTable,

        /// <summary>Same <c>table</c> and <c>schema</c> (seed data).</summary>
        Table,

        /// <summary><c>name</c> and <c>newName</c> swapped, same <c>table</c> and <c>schema</c> (renames back).</summary>
        Swapped,
    }

    // Down method -> the Up method it reverts, and how the two are matched.
    private static readonly Dictionary<string, (string Up, Match Match)> Reverts = new()
    {
        ["DropTable"] = ("CreateTable", Match.Name),
        ["CreateTable"] = ("DropTable", Match.Name),
        ["DropColumn"] = ("AddColumn", Match.NameInTable),
        ["AddColumn"] = ("DropColumn", Match.NameInTable),
        ["AlterColumn"] = ("AlterColumn", Match.NameInTable),
        ["DropIndex"] = ("CreateIndex", Match.Name),
        ["CreateIndex"] = ("DropIndex", Match.Name),
        ["DropSchema"] = ("EnsureSchema", Match.Name),
        ["AddForeignKey"] = ("DropForeignKey", Match.NameInTable),
        ["DropForeignKey"] = ("AddForeignKey", Match.NameInTable),
        ["AddCheckConstraint"] = ("DropCheckConstraint", Match.NameInTable),
        ["AddUniqueConstraint"] = ("DropUniqueConstraint", Match.NameInTable),
        ["AddPrimaryKey"] = ("DropPrimaryKey", Match.NameInTable),
        ["DeleteData"] = ("InsertData", Match.Table),
        ["UpdateData"] = ("UpdateData", Match.Table),
        ["RenameColumn"] = ("RenameColumn", Match.Swapped),
        ["RenameTable"] = ("RenameTable", Match.Swapped),
    };

    private static readonly HashSet<string> Recorded = new(Reverts.Values.Select(revert => revert.Up));

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
        if (!Reverts.TryGetValue(call.Name, out var revert))
        {
            return false;
        }

        return _calls.Any(up => up.Method == revert.Up && Matches(up.Arguments, call, revert.Match));
    }

    private static bool Matches(Dictionary<string, string?> up, MigrationBuilderCall down, Match match) => match switch
    {
        Match.Name => Same(up, "name", down.String("name")) && Same(up, "schema", down.String("schema")),
        Match.NameInTable => Same(up, "name", down.String("name")) && Same(up, "table", down.String("table")) && Same(up, "schema", down.String("schema")),
        Match.Table => Same(up, "table", down.String("table")) && Same(up, "schema", down.String("schema")),
        _ => Same(up, "name", down.String("newName")) && Same(up, "newName", down.String("name"))
             && Same(up, "table", down.String("table")) && Same(up, "schema", down.String("schema")),
    };

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
