using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EfSafeMigrations.Analyzers.Migrations;
using EfSafeMigrations.Linting.RawSql;
using Microsoft.CodeAnalysis.Operations;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>
/// ESM0022 to ESM0027 and ESM0052: column types that are hard to change later (json, 32-bit keys and columns, serial,
/// timestamp without time zone, char(n), varchar(n)), in <c>CreateTable</c>, <c>AddColumn</c> and <c>AlterColumn</c>. The type rules
/// themselves are the runtime linter's (<see cref="RawSqlTypeChoices"/>, <see cref="SqlColumnType"/>).
/// </summary>
internal sealed class ColumnTypeChecks : MigrationCheck
{
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(
        RuleCatalog.JsonInsteadOfJsonb, RuleCatalog.IntegerPrimaryKey, RuleCatalog.SerialInsteadOfIdentity,
        RuleCatalog.TimestampWithoutTimeZone, RuleCatalog.CharColumn, RuleCatalog.VarcharWithLength, RuleCatalog.IntegerColumn);

    public override void Analyze(MigrationMethod method)
    {
        var columns = ColumnDefinition.Of(method).ToList();
        var keys = KeyColumns(method, columns);
        foreach (var column in columns)
        {
            var inKey = keys.TryGetValue(column, out var wholeKey);
            Check(method, column, inKey && wholeKey, inKey);
        }
    }

    private static void Check(MigrationMethod method, ColumnDefinition column, bool primaryKey, bool inKey)
    {
        var call = column.Call;
        var type = column.StoreType is { } written ? SqlColumnType.Parse(written) : null;
        // An AlterColumn that keeps the type (a nullability or default change) is not a new type choice.
        if (column.IsAlter && (type is null || (call.String("oldType") is { } old && type.SameAs(SqlColumnType.Parse(old)))))
        {
            return;
        }

        if (type is not null)
        {
            var oldType = column.IsAlter && call.String("oldType") is { } oldText ? SqlColumnType.Parse(oldText) : null;
            foreach (var (rule, arguments) in RawSqlTypeChoices.Find(column.Name, column.Table, type, primaryKey, inKey, oldType))
            {
                // Down puts integer columns back as they were: no new choice, and ESM0052 is only a suggestion anyway.
                if (rule == RuleCatalog.IntegerColumn && method.Kind == MigrationMethodKind.Down)
                {
                    continue;
                }

                method.Report(rule, call.Location, escalate: false, arguments);
            }
        }

        // Npgsql writes serial columns as integer/bigint plus an annotation; the type name alone misses them.
        if (ValueGeneration.Of(call) == "SerialColumn" && type?.IsSerial != true)
        {
            method.Report(RuleCatalog.SerialInsteadOfIdentity, call.Location, escalate: false, column.Name, column.Table);
        }
    }

    /// <summary>
    /// Columns of the primary key of their <c>CreateTable</c> (<c>table.PrimaryKey("PK", x => x.Id)</c>), with whether
    /// each is the whole key.
    /// </summary>
    private static Dictionary<ColumnDefinition, bool> KeyColumns(MigrationMethod method, List<ColumnDefinition> columns)
    {
        var keys = new Dictionary<ColumnDefinition, bool>();
        foreach (var invocation in method.AllInvocations)
        {
            if (invocation.TargetMethod.Name != "PrimaryKey"
                || !MigrationClassDetector.Is(invocation.TargetMethod.ContainingType, method.Symbols.CreateTableBuilder))
            {
                continue;
            }

            var properties = KeyProperties(invocation).ToList();
            foreach (var property in properties)
            {
                if (columns.FirstOrDefault(c => c.Property == property && c.CreateTable is { } table && table.Syntax.Span.Contains(invocation.Syntax.Span)) is { } key)
                {
                    keys[key] = properties.Count == 1;
                }
            }
        }

        return keys;
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
