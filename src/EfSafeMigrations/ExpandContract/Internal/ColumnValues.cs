using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>Column facts an expansion is scaffolded with: its default as SQL, a value for a NOT NULL column nobody writes.</summary>
internal sealed class ColumnValues(IRelationalTypeMappingSource typeMappings)
{
    /// <summary>The column's default as SQL (its expression, or its value as a literal); null: none.</summary>
    public string? DefaultSql(IColumn column)
        => column.DefaultValueSql ?? (column.DefaultValue is { } value ? Literal(value, column.StoreType) : null);

    /// <summary>
    /// The CLR default of the column's type as a literal (<c>0</c>, <c>false</c>, <c>''</c>): what a retired NOT NULL column
    /// without a default gets, so that the new version's inserts (which no longer write it) succeed. Null: no such value.
    /// </summary>
    public string? ClrDefaultSql(IColumn column)
    {
        var type = Nullable.GetUnderlyingType(column.ProviderClrType) ?? column.ProviderClrType;
        object? value = type == typeof(string) ? string.Empty
            : type == typeof(byte[]) ? Array.Empty<byte>()
            : type.IsValueType ? Activator.CreateInstance(type)
            : null;
        return value is null ? null : Literal(value, column.StoreType);
    }

    /// <summary>Whether the database computes the column (identity, serial, computed): not a column a trigger can keep in sync.</summary>
    public static bool IsGenerated(IColumn column)
        => column.ComputedColumnSql is not null
           || column.FindAnnotation("Npgsql:ValueGenerationStrategy")?.Value is { } strategy && Convert.ToInt32(strategy, System.Globalization.CultureInfo.InvariantCulture) != 0;

    private string Literal(object value, string storeType)
        => ((RelationalTypeMapping?)typeMappings.FindMapping(value.GetType(), storeType) ?? typeMappings.GetMappingForValue(value)).GenerateSqlLiteral(value);
}
