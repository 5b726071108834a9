using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Which changes the user asked to scaffold as expand/contract: all of them (<c>o.ExpandContract.Scaffold</c>), or those of a
/// property (rename, type change, required) or an entity (table rename, column drops) annotated <c>UsesExpandContract()</c>.
/// </summary>
internal sealed class ExpansionOptIn(bool everything)
{
    public bool Column(IColumn column)
        => everything || column.PropertyMappings.Any(m => IsOn(m.Property));

    public bool Table(ITable table)
        => everything || table.EntityTypeMappings.Any(m => IsOn(m.TypeBase));

    /// <summary>A model value on one of the column's properties (the first that has it).</summary>
    public static string? PropertyValue(IColumn column, string annotation)
        => column.PropertyMappings.Select(m => m.Property.FindAnnotation(annotation)?.Value as string).FirstOrDefault(v => v is not null);

    private static bool IsOn(IReadOnlyAnnotatable element) => element.FindAnnotation(SafeMigrationsAnnotationNames.ExpandContract)?.Value is true;
}
