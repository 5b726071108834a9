using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
using EfSafeMigrations.Linting.RawSql;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>
/// ESM0008, ESM0009, ESM0011, ESM0012: columns added to an existing table in a way that fails or rewrites it;
/// ESM0014: column type changes outside the binary-compatible list.
/// </summary>
internal sealed class ColumnChecks : MigrationCheck
{
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(
        RuleCatalog.NotNullColumnWithoutDefault, RuleCatalog.VolatileDefault, RuleCatalog.StoredGeneratedColumn,
        RuleCatalog.IdentityColumnOnExistingTable, RuleCatalog.ColumnTypeChange);

    public override void Analyze(MigrationMethod method)
    {
        foreach (var call in method.Calls)
        {
            switch (call.Name)
            {
                case "AddColumn":
                    CheckAdd(method, call);
                    break;
                case "AlterColumn":
                    CheckTypeChange(method, call);
                    CheckBecomesStored(method, call);
                    break;
            }
        }
    }

    private static void CheckAdd(MigrationMethod method, MigrationBuilderCall call)
    {
        var name = call.String("name");
        var identity = IsAutoIncrementing(call);
        if (identity)
        {
            method.Report(RuleCatalog.IdentityColumnOnExistingTable, call, escalate: false, name, call.TableDisplay);
        }

        var computed = call.HasExplicit("computedColumnSql");
        if (computed && call.Bool("stored") == true)
        {
            method.Report(RuleCatalog.StoredGeneratedColumn, call, escalate: false, name, call.TableDisplay);
        }

        // The runtime linter's classification: unknown functions count as volatile, as PostgreSQL must assume.
        var defaultSql = call.String("defaultValueSql");
        if (!string.IsNullOrWhiteSpace(defaultSql))
        {
            var volatility = SqlDefaultExpression.Classify(defaultSql!, out var function);
            if (volatility != DefaultVolatility.NonVolatile)
            {
                method.Report(RuleCatalog.VolatileDefault, call, escalate: false, name, call.TableDisplay,
                    volatility == DefaultVolatility.Volatile ? function : function + " (not known to be non-volatile)");
            }
        }

        if (call.Bool("nullable") == false && !identity && !computed && !call.HasExplicit("defaultValue") && !call.HasExplicit("defaultValueSql"))
        {
            method.Report(RuleCatalog.NotNullColumnWithoutDefault, call, escalate: false, name, call.TableDisplay);
        }
    }

    private static void CheckTypeChange(MigrationMethod method, MigrationBuilderCall call)
    {
        var type = call.String("type");
        var oldType = call.String("oldType");
        if (type is null || oldType is null)
        {
            return;
        }

        var newType = SqlColumnType.Parse(type);
        var previous = SqlColumnType.Parse(oldType);
        if (newType.SameAs(previous) || newType.IsSafeChangeFrom(previous))
        {
            return;
        }

        method.Report(RuleCatalog.ColumnTypeChange, call, escalate: false, call.String("name"), call.TableDisplay, previous.Original, newType.DescribeChangeFrom(previous));
    }

    private static void CheckBecomesStored(MigrationMethod method, MigrationBuilderCall call)
    {
        if (call.HasExplicit("computedColumnSql") && call.Bool("stored") == true && !call.HasExplicit("oldComputedColumnSql"))
        {
            method.Report(RuleCatalog.StoredGeneratedColumn, call, escalate: false, call.String("name"), call.TableDisplay);
        }
    }

    private static bool IsAutoIncrementing(MigrationBuilderCall call)
    {
        if (call.String("type") is { } type && SqlColumnType.Parse(type).IsSerial)
        {
            return true;
        }

        return ValueGeneration.Of(call) is "IdentityByDefaultColumn" or "IdentityAlwaysColumn" or "SerialColumn";
    }
}
