using System.Collections.Immutable;
using System.Text;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>ESM0029: table, column, index, constraint or schema names longer than PostgreSQL's 63-byte limit.</summary>
internal sealed class IdentifierLengthChecks : MigrationCheck
{
    private const int MaxBytes = 63;

    // Parameters of MigrationBuilder and CreateTableBuilder methods that name database objects.
    private static readonly ImmutableHashSet<string> NameParameters = ImmutableHashSet.Create(
        "name", "newName", "table", "schema", "newSchema", "column", "columns", "principalTable", "principalColumn", "principalColumns", "principalSchema");

    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(RuleCatalog.IdentifierTooLong);

    public override void Analyze(MigrationMethod method)
    {
        foreach (var invocation in method.AllInvocations)
        {
            // migrationBuilder calls, and the column/key builders inside a migrationBuilder.CreateTable.
            if (!method.IsMigrationBuilderCall(invocation)
                && !((MigrationClassDetector.Is(invocation.TargetMethod.ContainingType, method.Symbols.ColumnsBuilder)
                      || MigrationClassDetector.Is(invocation.TargetMethod.ContainingType, method.Symbols.CreateTableBuilder))
                     && method.IsInsideMigrationBuilderCall(invocation)))
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is { } parameter && NameParameters.Contains(parameter.Name))
                {
                    Check(method, argument.Value);
                }
            }
        }
    }

    private static void Check(MigrationMethod method, IOperation value)
    {
        if (Arguments.ArrayElements(value) is { } elements)
        {
            foreach (var element in elements)
            {
                Check(method, element);
            }

            return;
        }

        if (Arguments.ConstantString(value) is { } identifier && Encoding.UTF8.GetByteCount(identifier) > MaxBytes)
        {
            method.Report(RuleCatalog.IdentifierTooLong, value.Syntax.GetLocation(), escalate: false, identifier, Encoding.UTF8.GetByteCount(identifier));
        }
    }
}
