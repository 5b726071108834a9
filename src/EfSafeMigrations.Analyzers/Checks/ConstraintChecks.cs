using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
using EfSafeMigrations.Linting.RawSql;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>
/// ESM0004, ESM0005, ESM0013: constraints added without NOT VALID or a concurrent index;
/// ESM0007, ESM0021: NOT NULL set on or dropped from an existing column.
/// </summary>
internal sealed class ConstraintChecks : MigrationCheck
{
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(
        RuleCatalog.ForeignKeyWithoutNotValid, RuleCatalog.CheckWithoutNotValid, RuleCatalog.UniqueOrPrimaryKeyOnExistingTable,
        RuleCatalog.SetNotNull, RuleCatalog.DropNotNull);

    public override void Analyze(MigrationMethod method)
    {
        // What earlier steps did (NOT NULL checks added and validated), as the runtime linter follows it.
        var state = new RawSqlScanState();
        foreach (var call in method.Calls)
        {
            switch (call.Name)
            {
                case "Sql" when call.String("sql") is { } sql:
                    state.SuppressTransaction = call.Bool("suppressTransaction") == true;
                    RawSqlChecks.Scan(sql, state);
                    break;
                case "AddForeignKey":
                    CheckNotValid(method, call, RuleCatalog.ForeignKeyWithoutNotValid);
                    break;
                case "AddCheckConstraint":
                    TrackNotNullCheck(call, state);
                    CheckNotValid(method, call, RuleCatalog.CheckWithoutNotValid);
                    break;
                case "AddUniqueConstraint":
                    method.Report(RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, call, OptedOut(call), call.String("name"), call.TableDisplay, "UNIQUE");
                    break;
                case "AddPrimaryKey":
                    method.Report(RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, call, OptedOut(call), call.String("name"), call.TableDisplay, "PRIMARY KEY");
                    break;
                case "AlterColumn":
                    CheckNullability(method, call, state);
                    break;
            }
        }
    }

    private static void CheckNotValid(MigrationMethod method, MigrationBuilderCall call, Rule rule)
    {
        // The scaffolded safe form: .Annotation("EfSafeMigrations:NotValid", true) plus a later VALIDATE step.
        if (!call.HasTrueAnnotation(KnownNames.NotValid))
        {
            method.Report(rule, call, OptedOut(call) || call.HasFalseAnnotation(KnownNames.NotValid), call.String("name"), call.TableDisplay);
        }
    }

    private static void TrackNotNullCheck(MigrationBuilderCall call, RawSqlScanState state)
    {
        if (call.String("name") is { } name && call.String("table") is { } table && call.String("sql") is { } sql
            && RawSqlConstraintDefinition.NotNullCheckColumn(sql) is { } column)
        {
            state.Schema.NotNullCheckAdded(name, table, column, validated: !call.HasTrueAnnotation(KnownNames.NotValid));
        }
    }

    private static void CheckNullability(MigrationMethod method, MigrationBuilderCall call, RawSqlScanState state)
    {
        var nullable = call.Bool("nullable");
        var oldNullable = call.Bool("oldNullable");
        if (nullable == false && oldNullable == true)
        {
            // After a validated CHECK (column IS NOT NULL) (the safe sequence, as scaffolded) SET NOT NULL skips its scan.
            if (call.String("table") is { } table && call.String("name") is { } column && state.Schema.ProvesNotNull(table, column))
            {
                return;
            }

            method.Report(RuleCatalog.SetNotNull, call, OptedOut(call), call.String("name"), call.TableDisplay);
        }
        else if (nullable == true && oldNullable == false)
        {
            method.Report(RuleCatalog.DropNotNull, call, escalate: false, call.String("name"), call.TableDisplay);
        }
    }

    private static bool OptedOut(MigrationBuilderCall call) => call.HasFalseAnnotation(KnownNames.SafeRewrite);
}
