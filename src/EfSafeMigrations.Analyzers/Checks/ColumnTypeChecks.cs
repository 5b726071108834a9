using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>
/// ESM0022 to ESM0027: column types that are hard to change later (json, 32-bit keys, serial, timestamp without
/// time zone, char(n), varchar(n)), in <c>CreateTable</c>, <c>AddColumn</c> and <c>AlterColumn</c>.
/// </summary>
internal sealed class ColumnTypeChecks : MigrationCheck
{
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(
        RuleCatalog.JsonInsteadOfJsonb, RuleCatalog.IntegerPrimaryKey, RuleCatalog.SerialInsteadOfIdentity,
        RuleCatalog.TimestampWithoutTimeZone, RuleCatalog.CharColumn, RuleCatalog.VarcharWithLength);

    public override void Analyze(MigrationMethod method)
    {
        var columns = ColumnDefinition.Of(method).ToList();
        foreach (var column in columns)
        {
            CheckType(method, column);
        }

        CheckPrimaryKeys(method, columns);
    }

    private static void CheckType(MigrationMethod method, ColumnDefinition column)
    {
        var type = column.StoreType;
        // An AlterColumn that keeps the type (a nullability or default change) is not a new type choice.
        if (type is null || (column.IsAlter && column.Call.String("oldType")?.Trim().ToLowerInvariant() == type))
        {
            return;
        }

        var call = column.Call;
        if (StoreTypes.IsJson(type))
        {
            method.Report(RuleCatalog.JsonInsteadOfJsonb, call.Location, escalate: false, column.Name, column.Table);
        }
        else if (StoreTypes.IsSerial(type) || ValueGeneration.Of(call) == "SerialColumn")
        {
            method.Report(RuleCatalog.SerialInsteadOfIdentity, call.Location, escalate: false, column.Name, column.Table);
        }
        else if (StoreTypes.IsTimestampWithoutTimeZone(type))
        {
            method.Report(RuleCatalog.TimestampWithoutTimeZone, call.Location, escalate: false, column.Name, column.Table);
        }
        else if (StoreTypes.IsChar(type))
        {
            method.Report(RuleCatalog.CharColumn, call.Location, escalate: false, column.Name, column.Table, type);
        }
        else if (StoreTypes.IsVarcharWithLength(type))
        {
            method.Report(RuleCatalog.VarcharWithLength, call.Location, escalate: false, column.Name, column.Table, type);
        }
    }

    /// <summary>ESM0023: <c>table.PrimaryKey("PK_X", x => x.Id)</c> over one column whose type is integer or smaller.</summary>
    private static void CheckPrimaryKeys(MigrationMethod method, List<ColumnDefinition> columns)
    {
        foreach (var invocation in method.AllInvocations)
        {
            if (invocation.TargetMethod.Name != "PrimaryKey"
                || !MigrationClassDetector.Is(invocation.TargetMethod.ContainingType, method.Symbols.CreateTableBuilder))
            {
                continue;
            }

            // As at run time: a single-column key (composite keys of integers are usually join tables of foreign keys).
            var properties = KeyProperties(invocation).ToList();
            foreach (var property in properties.Count == 1 ? properties : new List<string>())
            {
                var column = columns.FirstOrDefault(c => c.Property == property && c.CreateTable is { } table && invocation.Syntax.Span.IntersectsWith(table.Syntax.Span));
                if (column?.StoreType is { } type && StoreTypes.IsInt32OrSmaller(type))
                {
                    method.Report(RuleCatalog.IntegerPrimaryKey, column.Call.Location, escalate: false, column.Name, column.Table, type);
                }
            }
        }
    }

    /// <summary>The properties the key lambda selects: <c>x => x.Id</c> or <c>x => new { x.A, x.B }</c>.</summary>
    private static IEnumerable<string> KeyProperties(IInvocationOperation primaryKey)
    {
        // Func or Expression<Func>: either way the lambda is below the argument.
        var lambda = primaryKey.Arguments.SelectMany(a => a.Value.DescendantsAndSelf()).OfType<IAnonymousFunctionOperation>().FirstOrDefault();
        if (lambda is null)
        {
            return Enumerable.Empty<string>();
        }

        return lambda.Body.Descendants().OfType<IPropertyReferenceOperation>()
            .Where(reference => reference.Instance is IParameterReferenceOperation)
            .Select(reference => reference.Property.Name)
            .Distinct();
    }
}
