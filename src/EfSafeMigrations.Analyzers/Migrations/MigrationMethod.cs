using System.Collections.Generic;
using System.Linq;
using EfSafeMigrations.Analyzers.Descriptors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>One <c>Up</c> or <c>Down</c> method of a migration: its calls, the tables it creates, and reporting.</summary>
internal sealed class MigrationMethod
{
    private readonly System.Action<Diagnostic> _report;
    private readonly SafetyAssurance _assurance;
    private readonly INamedTypeSymbol _migrationClass;

    private readonly INamedTypeSymbol _migrationBuilder;

    private readonly System.Lazy<OwnUpChanges>? _ownUp;

    private readonly RetiredColumns? _retired;

    public MigrationMethod(
        IOperation body, INamedTypeSymbol migrationClass, System.Action<Diagnostic> report, MigrationClassDetector detector, SafetyAssurance assurance, MigrationMethodKind kind,
        System.Threading.CancellationToken cancellationToken = default, RetiredColumns? retired = null)
    {
        _report = report;
        _retired = retired;
        Symbols = detector;
        _migrationBuilder = detector.MigrationBuilder;
        _assurance = assurance;
        _migrationClass = migrationClass;
        Kind = kind;
        CancellationToken = cancellationToken;
        _ownUp = kind == MigrationMethodKind.Down ? new System.Lazy<OwnUpChanges>(() => OwnUpChanges.Of(migrationClass, cancellationToken)) : null;

        var invocations = body.DescendantsAndSelf()
            .OfType<IInvocationOperation>()
            .OrderBy(invocation => invocation.Syntax.SpanStart)
            .ToList();
        AllInvocations = invocations;
        Calls = invocations
            .Where(invocation => IsOn(invocation, detector.MigrationBuilder))
            .Select(invocation => new MigrationBuilderCall(invocation, detector))
            .ToList();
        StepCount = Calls.Count + invocations.Count(invocation => IsExtensionOn(invocation, detector.MigrationBuilder));
    }

    /// <summary>
    /// How many operations the method adds: <c>migrationBuilder</c> calls plus extension methods on it
    /// (<c>migrationBuilder.ValidateConstraint(...)</c>, Npgsql's extensions).
    /// </summary>
    public int StepCount { get; }

    public MigrationMethodKind Kind { get; }

    public System.Threading.CancellationToken CancellationToken { get; }

    /// <summary>
    /// Whether the migration's <c>Down</c> does nothing: not overridden, or every declaration has an empty block body.
    /// </summary>
    public bool DownIsEmpty()
    {
        foreach (var down in _migrationClass.GetMembers("Down").OfType<IMethodSymbol>())
        {
            foreach (var reference in down.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(CancellationToken) is not Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax { Body.Statements.Count: 0 })
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The EF Core and EfSafeMigrations types, resolved for this compilation.</summary>
    public MigrationClassDetector Symbols { get; }

    /// <summary>The <c>migrationBuilder</c> calls, in source order.</summary>
    public IReadOnlyList<MigrationBuilderCall> Calls { get; }

    /// <summary>Every invocation in the method (also <c>table.Column&lt;T&gt;(...)</c> inside <c>CreateTable</c>), in source order.</summary>
    public IReadOnlyList<IInvocationOperation> AllInvocations { get; }

    /// <summary>Whether the invocation calls a method of EF Core's <c>MigrationBuilder</c> (not a look-alike).</summary>
    public bool IsMigrationBuilderCall(IInvocationOperation invocation) => IsOn(invocation, _migrationBuilder);

    /// <summary>Whether the operation is inside the arguments of a <c>MigrationBuilder</c> call (the lambdas of <c>CreateTable</c>).</summary>
    public bool IsInsideMigrationBuilderCall(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IInvocationOperation invocation && IsMigrationBuilderCall(invocation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the table is created by a <c>CreateTable</c> call earlier in this method (then it is empty and unused).</summary>
    /// <summary>Whether the call drops a column the project's migrations retire (<see cref="RetiredColumns"/>): planned.</summary>
    public bool IsRetired(MigrationBuilderCall call) => _retired?.Contains(call.String("table"), call.String("name")) == true;

    public bool IsNewTable(MigrationBuilderCall call)
    {
        var table = call.String("table");
        if (table is null)
        {
            return false;
        }

        var schema = call.String("schema");
        return Calls.Any(earlier => earlier.Name == "CreateTable"
                                    && earlier.Invocation.Syntax.SpanStart < call.Invocation.Syntax.SpanStart
                                    && earlier.String("name") == table
                                    && earlier.String("schema") == schema);
    }

    /// <summary>
    /// Reports a rule unless the migration is assured for it, the rule is exempt for a new table, or the call is a
    /// <c>Down</c> step undoing what the same migration's <c>Up</c> did (dropping the table it created, ...).
    /// </summary>
    /// <param name="escalate">The operation opted out of the generator's safe rewrite: report it as a warning even for auto-fixed rules.</param>
    public void Report(Rule rule, MigrationBuilderCall call, bool escalate, params object?[] arguments)
    {
        if ((rule.ExemptWhenTableIsNew && IsNewTable(call)) || (_ownUp is not null && _ownUp.Value.AreUndoneBy(call)))
        {
            return;
        }

        Report(rule, call.Location, escalate, arguments);
    }

    public void Report(Rule rule, Location location, bool escalate, params object?[] arguments)
    {
        if (_assurance.IsAssured(_migrationClass, rule.Id))
        {
            return;
        }

        var descriptor = RuleDescriptors.For(rule);
        var severity = escalate && descriptor.DefaultSeverity < DiagnosticSeverity.Warning ? DiagnosticSeverity.Warning : descriptor.DefaultSeverity;
        if (Kind == MigrationMethodKind.Down)
        {
            severity = RuleDescriptors.Lower(severity);
        }

        _report(Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, arguments));
    }

    private static bool IsExtensionOn(IInvocationOperation invocation, INamedTypeSymbol migrationBuilder)
        => invocation.TargetMethod.IsExtensionMethod
           && invocation.TargetMethod.Parameters.Length > 0
           && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.Parameters[0].Type, migrationBuilder);

    private static bool IsOn(IInvocationOperation invocation, INamedTypeSymbol migrationBuilder)
    {
        for (var type = invocation.TargetMethod.ContainingType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, migrationBuilder))
            {
                return !invocation.TargetMethod.IsStatic;
            }
        }

        return false;
    }
}
