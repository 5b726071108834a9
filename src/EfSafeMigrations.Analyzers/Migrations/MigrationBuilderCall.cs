using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// One <c>migrationBuilder.X(...)</c> call of a migration method, with its constant arguments (by parameter
/// name) and the annotations chained onto it (<c>.Annotation("Npgsql:CreatedConcurrently", true)</c>, <c>.NotValid()</c>).
/// </summary>
internal sealed class MigrationBuilderCall
{
    private Dictionary<string, object?>? _annotations;

    private readonly MigrationClassDetector _symbols;

    public MigrationBuilderCall(IInvocationOperation invocation, MigrationClassDetector symbols)
    {
        Invocation = invocation;
        _symbols = symbols;
    }

    public IInvocationOperation Invocation { get; }

    /// <summary>The <c>MigrationBuilder</c> method called (<c>CreateIndex</c>, <c>Sql</c>, ...).</summary>
    public string Name => Invocation.TargetMethod.Name;

    /// <summary>Where to report: the method name and its argument list.</summary>
    public Location Location => Invocation.Syntax.GetLocation();

    /// <summary>The whole chained expression (call plus annotations), which is what a code fix replaces.</summary>
    public IOperation Outermost
    {
        get
        {
            IOperation current = Invocation;
            while (ChainedCall(current) is { } next)
            {
                current = next;
            }

            return current;
        }
    }

    /// <summary>The argument passed (or defaulted) for the parameter, or <see langword="null"/> when the overload has no such parameter.</summary>
    public IArgumentOperation? Argument(string parameterName) => Arguments.Of(Invocation, parameterName);

    /// <summary>The constant string argument, or <see langword="null"/> when absent or not constant.</summary>
    public string? String(string parameterName) => Arguments.ConstantString(Argument(parameterName)?.Value);

    /// <summary>The constant bool argument, or <see langword="null"/> when absent or not constant.</summary>
    public bool? Bool(string parameterName) => Arguments.Constant(Argument(parameterName)?.Value) as bool?;

    /// <summary>Whether the argument was written by the user (not a default value).</summary>
    public bool HasExplicit(string parameterName)
        => Argument(parameterName) is { ArgumentKind: not ArgumentKind.DefaultValue } arg && !Arguments.IsNullConstant(arg.Value);

    /// <summary>The value of an annotation chained onto the call; <see langword="false"/> from <c>TryGet</c> when there is none.</summary>
    public bool TryGetAnnotation(string name, out object? value) => Annotations().TryGetValue(name, out value);

    /// <summary>Whether the annotation is chained with the constant value <see langword="true"/> (or a scaffolded extension sets it).</summary>
    public bool HasTrueAnnotation(string name) => TryGetAnnotation(name, out var value) && value is true;

    /// <summary>Whether the annotation is chained with the constant value <see langword="false"/>.</summary>
    public bool HasFalseAnnotation(string name) => TryGetAnnotation(name, out var value) && value is false;

    /// <summary>The table the operation works on, as written (<c>schema.table</c> when a schema is given).</summary>
    public string TableDisplay => Display(String("schema"), String("table") ?? "?");

    public static string Display(string? schema, string name) => string.IsNullOrEmpty(schema) ? name : schema + "." + name;

    private Dictionary<string, object?> Annotations()
    {
        if (_annotations is not null)
        {
            return _annotations;
        }

        var result = new Dictionary<string, object?>(System.StringComparer.Ordinal);
        IOperation current = Invocation;
        while (ChainedCall(current) is { } next)
        {
            var method = next.TargetMethod;
            if (method.Name == "Annotation" && next.Arguments.Length == 2
                && Arguments.ConstantString(next.Arguments[0].Value) is { } key)
            {
                result[key] = Arguments.Constant(next.Arguments[1].Value);
            }
            else if (MigrationClassDetector.Is(method.ContainingType, _symbols.SafeExtensions))
            {
                // The scaffolded extensions are shorthands for the annotations (see SafeMigrationBuilderExtensions).
                switch (method.Name)
                {
                    case KnownNames.ConcurrentlyMethod:
                        result[KnownNames.CreatedConcurrently] = true;
                        break;
                    case KnownNames.NotValidMethod:
                        result[KnownNames.NotValid] = true;
                        break;
                    case KnownNames.WithoutSafeRewriteMethod:
                        result[KnownNames.SafeRewrite] = false;
                        break;
                }
            }

            current = next;
        }

        return _annotations = result;
    }

    /// <summary>The call chained onto <paramref name="operation"/> (<c>x.Annotation(...)</c> or an extension taking it as <c>this</c>).</summary>
    private static IInvocationOperation? ChainedCall(IOperation operation)
    {
        var parent = operation.Parent;
        if (parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } extension } argument
            && extension.Arguments.Length > 0 && extension.Arguments[0] == argument)
        {
            return extension;
        }

        while (parent is IConversionOperation { IsImplicit: true })
        {
            parent = parent.Parent;
        }

        return parent is IInvocationOperation call && call.Instance is { } instance && Arguments.Unwrap(instance) == operation ? call : null;
    }
}
