using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
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
        foreach (var call in method.Calls)
        {
            switch (call.Name)
            {
                case "AddForeignKey":
                    CheckNotValid(method, call, RuleCatalog.ForeignKeyWithoutNotValid);
                    break;
                case "AddCheckConstraint":
                    CheckNotValid(method, call, RuleCatalog.CheckWithoutNotValid);
                    break;
                case "AddUniqueConstraint":
                    method.Report(RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, call, OptedOut(call), call.String("name"), call.TableDisplay, "UNIQUE");
                    break;
                case "AddPrimaryKey":
                    method.Report(RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, call, OptedOut(call), call.String("name"), call.TableDisplay, "PRIMARY KEY");
                    break;
                case "AlterColumn":
                    CheckNullability(method, call);
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

    private static void CheckNullability(MigrationMethod method, MigrationBuilderCall call)
    {
        var nullable = call.Bool("nullable");
        var oldNullable = call.Bool("oldNullable");
        if (nullable == false && oldNullable == true)
        {
            method.Report(RuleCatalog.SetNotNull, call, OptedOut(call), call.String("name"), call.TableDisplay);
        }
        else if (nullable == true && oldNullable == false)
        {
            method.Report(RuleCatalog.DropNotNull, call, escalate: false, call.String("name"), call.TableDisplay);
        }
    }

    private static bool OptedOut(MigrationBuilderCall call) => call.HasFalseAnnotation(KnownNames.SafeRewrite);
}
