using EfSafeMigrations.Push.Internal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// <see cref="IFillValues"/> from the EF model: the CLR default of the column's property (0, false, '',
/// the first enum member, an empty array), rendered by the column's type mapping.
/// </summary>
internal sealed class ModelFillValues(IRelationalModel model, string defaultSchema) : IFillValues
{
    public string? Literal(QualifiedName table, string column)
    {
        var modelTable = model.FindTable(table.Name, table.Schema)
                         ?? (table.Schema == defaultSchema ? model.FindTable(table.Name, null) : null);
        var modelColumn = modelTable?.FindColumn(column);
        var property = modelColumn?.PropertyMappings.FirstOrDefault()?.Property;
        if (modelColumn is null || property is null)
        {
            return null;
        }

        var value = ZeroValue(property.ClrType);
        return value is null ? null : modelColumn.StoreTypeMapping.GenerateSqlLiteral(value);
    }

    private static object? ZeroValue(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsValueType)
        {
            return Activator.CreateInstance(underlying);
        }

        if (underlying == typeof(string))
        {
            return "";
        }

        if (underlying.IsArray)
        {
            return Array.CreateInstance(underlying.GetElementType()!, 0);
        }

        return underlying.IsGenericType && !underlying.IsAbstract && underlying.GetConstructor(Type.EmptyTypes) is not null
            ? Activator.CreateInstance(underlying)
            : null;
    }
}
