using System.ComponentModel.DataAnnotations.Schema;
using System.Globalization;
using System.Reflection;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// The typed C# form's code: a row type whose properties are columns (named by <see cref="ColumnAttribute"/> or as the
/// property), and a transformation from a row to its new values. Values are read into a row, transformed, and only
/// the columns whose value changed are written back.
/// </summary>
internal abstract class TypedBackfill
{
    /// <summary>The columns read and written, in property order.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The row type's name, for the checksum and messages.</summary>
    public abstract string RowTypeName { get; }

    /// <summary>
    /// The row read as <paramref name="values"/> (in <see cref="Columns"/> order) before and after the transformation, as the
    /// row type holds them; null: leave the row.
    /// </summary>
    public abstract (object?[] Before, object?[] After)? Transform(object?[] values);
}

internal sealed class TypedBackfill<TRow>(Func<TRow, TRow?> transform) : TypedBackfill
    where TRow : class
{
    private static readonly PropertyInfo[] Properties = typeof(TRow)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
        .OrderBy(p => p.MetadataToken)
        .ToArray();

    private static readonly string[] ColumnNames = [.. Properties.Select(p => p.GetCustomAttribute<ColumnAttribute>()?.Name ?? p.Name)];

    // A record's (or any class's) constructor taking every property, else a parameterless one and the setters.
    private static readonly ConstructorInfo? FullConstructor = typeof(TRow).GetConstructors()
        .FirstOrDefault(c => c.GetParameters().Length == Properties.Length && c.GetParameters()
            .All(p => Properties.Any(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase) && q.PropertyType == p.ParameterType)));

    public override IReadOnlyList<string> Columns => ColumnNames;

    public override string RowTypeName => typeof(TRow).Name;

    /// <summary>Checks up front that rows of this type can be built; throws the reason otherwise.</summary>
    public static void Validate()
    {
        if (Properties.Length == 0)
        {
            throw new ArgumentException($"Backfill<{typeof(TRow).Name}>: the row type has no public properties (each property is a column).");
        }

        if (FullConstructor is null && (typeof(TRow).GetConstructor(Type.EmptyTypes) is null || Properties.Any(p => !p.CanWrite)))
        {
            throw new ArgumentException(
                $"Backfill<{typeof(TRow).Name}>: the row type needs a constructor taking every property (a positional record), or a parameterless " +
                "constructor and settable properties.");
        }
    }

    public override (object?[] Before, object?[] After)? Transform(object?[] values)
    {
        var row = Create(values);
        var before = Properties.Select(p => p.GetValue(row)).ToArray();
        var result = transform(row);
        return result is null ? null : (before, [.. Properties.Select(p => p.GetValue(result))]);
    }

    private static TRow Create(object?[] values)
    {
        if (FullConstructor is not null)
        {
            var parameters = FullConstructor.GetParameters();
            var arguments = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var index = Array.FindIndex(Properties, q => string.Equals(q.Name, parameters[i].Name, StringComparison.OrdinalIgnoreCase));
                arguments[i] = Convert(values[index], Properties[index].PropertyType);
            }

            return (TRow)FullConstructor.Invoke(arguments);
        }

        var row = Activator.CreateInstance<TRow>();
        for (var i = 0; i < Properties.Length; i++)
        {
            Properties[i].SetValue(row, Convert(values[i], Properties[i].PropertyType));
        }

        return row;
    }

    private static object? Convert(object? value, Type type)
    {
        if (value is null or DBNull)
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsInstanceOfType(value) ? value
            : target.IsEnum ? Enum.ToObject(target, value)
            : System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}
