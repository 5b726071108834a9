using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// A column a migration method defines: <c>AddColumn</c>, <c>AlterColumn</c>, or <c>table.Column&lt;T&gt;(...)</c>
/// inside <c>CreateTable</c> (whose column name is the anonymous type's property unless <c>name:</c> is given).
/// </summary>
internal sealed class ColumnDefinition
{
    private ColumnDefinition(MigrationBuilderCall call, string? name, string table, string? property, IInvocationOperation? createTable)
    {
        Call = call;
        Name = name ?? property ?? "?";
        Property = property;
        Table = table;
        CreateTable = createTable;
    }

    /// <summary>The call defining the column (its arguments and chained annotations).</summary>
    public MigrationBuilderCall Call { get; }

    public string Name { get; }

    /// <summary>The anonymous type's property inside <c>CreateTable</c> (what <c>table.PrimaryKey(..., x => x.Id)</c> names).</summary>
    public string? Property { get; }

    /// <summary>The table, as displayed in messages.</summary>
    public string Table { get; }

    /// <summary>The enclosing <c>CreateTable</c>, or <see langword="null"/> for AddColumn/AlterColumn.</summary>
    public IInvocationOperation? CreateTable { get; }

    public bool IsAlter => CreateTable is null && Call.Name == "AlterColumn";

    /// <summary>The store type written in the call (<c>type: "character varying(100)"</c>), or <see langword="null"/>.</summary>
    public string? StoreType => Call.String("type")?.Trim();

    /// <summary>The CLR type argument (<c>AddColumn&lt;int&gt;</c>), or <see langword="null"/>.</summary>
    public ITypeSymbol? ClrType => Call.Invocation.TargetMethod.TypeArguments.Length == 1 ? Call.Invocation.TargetMethod.TypeArguments[0] : null;

    public static IEnumerable<ColumnDefinition> Of(MigrationMethod method)
    {
        foreach (var call in method.Calls)
        {
            if (call.Name is "AddColumn" or "AlterColumn")
            {
                yield return new ColumnDefinition(call, call.String("name"), call.TableDisplay, property: null, createTable: null);
            }
        }

        foreach (var invocation in method.AllInvocations)
        {
            if (invocation.TargetMethod.Name == "Column"
                && MigrationClassDetector.Is(invocation.TargetMethod.ContainingType, method.Symbols.ColumnsBuilder)
                && EnclosingCreateTable(method, invocation) is { } createTable)
            {
                var call = new MigrationBuilderCall(invocation, method.Symbols);
                var table = new MigrationBuilderCall(createTable, method.Symbols);
                yield return new ColumnDefinition(call, call.String("name"),
                    MigrationBuilderCall.Display(table.String("schema"), table.String("name") ?? "?"), PropertyName(invocation), createTable);
            }
        }
    }

    private static IInvocationOperation? EnclosingCreateTable(MigrationMethod method, IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IInvocationOperation { TargetMethod.Name: "CreateTable" } invocation && method.IsMigrationBuilderCall(invocation))
            {
                return invocation;
            }
        }

        return null;
    }

    private static string? PropertyName(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null and not IAnonymousObjectCreationOperation; parent = parent.Parent)
        {
            if (parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property })
            {
                return property.Property.Name;
            }
        }

        return null;
    }
}
