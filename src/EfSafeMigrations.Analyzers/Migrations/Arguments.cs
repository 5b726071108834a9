using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>Reads constant values out of invocation arguments.</summary>
internal static class Arguments
{
    public static IArgumentOperation? Of(IInvocationOperation invocation, string parameterName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument;
            }
        }

        return null;
    }

    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    public static object? Constant(IOperation? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value;
        }

        // Enum members and boxed constants arrive behind conversions.
        var inner = Unwrap(value);
        if (inner.ConstantValue.HasValue)
        {
            return inner.ConstantValue.Value;
        }

        return inner is IFieldReferenceOperation { Field: { HasConstantValue: true } field } ? field.ConstantValue : null;
    }

    public static string? ConstantString(IOperation? value) => Constant(value) as string;

    public static bool IsNullConstant(IOperation value) => value.ConstantValue is { HasValue: true, Value: null };

    /// <summary>The elements of <c>new[] { ... }</c> (or <c>["a", "b"]</c>); <see langword="null"/> when not an array literal.</summary>
    public static IReadOnlyList<IOperation>? ArrayElements(IOperation? value)
    {
        switch (value is null ? null : Unwrap(value))
        {
            case IArrayCreationOperation { Initializer: { } initializer } when initializer.ElementValues.Length > 0
                                                                        && initializer.ElementValues[0] is not IArrayInitializerOperation:
                return initializer.ElementValues;
            case ICollectionExpressionOperation collection:
                return collection.Elements;
            default:
                return null;
        }
    }

    /// <summary>The rows of a two-dimensional <c>new object[,] { {..}, {..} }</c>; <see langword="null"/> otherwise.</summary>
    public static int? RowsOf2D(IOperation? value)
        => value is not null && Unwrap(value) is IArrayCreationOperation { Initializer: { } initializer, DimensionSizes.Length: 2 }
            ? initializer.ElementValues.Length
            : null;
}
