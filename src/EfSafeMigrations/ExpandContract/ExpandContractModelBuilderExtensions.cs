using EfSafeMigrations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Opts single model elements into expand/contract scaffolding (docs/expand-contract.md, "Scaffolding"); everything at once:
/// <c>o.ExpandContract.Scaffold = true</c> in <c>UseSafeMigrations</c>. Only <c>dotnet ef migrations add</c> reads these.
/// </summary>
public static class ExpandContractModelBuilderExtensions
{
    /// <summary>
    /// Scaffolds this property's rename (a new column kept in sync with the old one until the contract), its type change
    /// together with a rename, and its change from optional to required as expand/contract steps.
    /// </summary>
    /// <param name="propertyBuilder">The property.</param>
    public static PropertyBuilder UsesExpandContract(this PropertyBuilder propertyBuilder)
    {
        ArgumentNullException.ThrowIfNull(propertyBuilder);
        return propertyBuilder.HasAnnotation(SafeMigrationsAnnotationNames.ExpandContract, true);
    }

    /// <inheritdoc cref="UsesExpandContract(PropertyBuilder)"/>
    public static PropertyBuilder<T> UsesExpandContract<T>(this PropertyBuilder<T> propertyBuilder)
        => (PropertyBuilder<T>)UsesExpandContract((PropertyBuilder)propertyBuilder);

    /// <summary>
    /// The conversions of a scaffolded type change (the property renamed and retyped in one migration): <paramref name="up"/>
    /// computes the new column from the old one, <paramref name="down"/> the old from the new, each a SQL expression over
    /// the other column only, for example <c>round(price * 100)::bigint</c> and <c>price_cents / 100.0</c>. Without it, casts.
    /// Implies <see cref="UsesExpandContract(PropertyBuilder)"/>.
    /// </summary>
    /// <param name="propertyBuilder">The property.</param>
    /// <param name="up">The new value from the old column.</param>
    /// <param name="down">The old value from the new column.</param>
    public static PropertyBuilder HasExpandConversion(this PropertyBuilder propertyBuilder, string up, string down)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(up);
        ArgumentException.ThrowIfNullOrWhiteSpace(down);
        return UsesExpandContract(propertyBuilder)
            .HasAnnotation(SafeMigrationsAnnotationNames.ExpandConversionUp, up)
            .HasAnnotation(SafeMigrationsAnnotationNames.ExpandConversionDown, down);
    }

    /// <inheritdoc cref="HasExpandConversion(PropertyBuilder, string, string)"/>
    public static PropertyBuilder<T> HasExpandConversion<T>(this PropertyBuilder<T> propertyBuilder, string up, string down)
        => (PropertyBuilder<T>)HasExpandConversion((PropertyBuilder)propertyBuilder, up, down);

    /// <summary>
    /// The value written for NULLs when this property goes from optional to required (by the expand's trigger and backfill),
    /// a SQL expression without column references, for example <c>'unknown'</c>. Without it, the column's default is used;
    /// with neither, EF's one-step form is scaffolded. Implies <see cref="UsesExpandContract(PropertyBuilder)"/>.
    /// </summary>
    /// <param name="propertyBuilder">The property.</param>
    /// <param name="sql">The fill.</param>
    public static PropertyBuilder HasExpandFill(this PropertyBuilder propertyBuilder, string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return UsesExpandContract(propertyBuilder).HasAnnotation(SafeMigrationsAnnotationNames.ExpandFill, sql);
    }

    /// <inheritdoc cref="HasExpandFill(PropertyBuilder, string)"/>
    public static PropertyBuilder<T> HasExpandFill<T>(this PropertyBuilder<T> propertyBuilder, string sql)
        => (PropertyBuilder<T>)HasExpandFill((PropertyBuilder)propertyBuilder, sql);

    /// <summary>
    /// Scaffolds this entity's table rename (an updatable view under the old name until the contract) and the drop of its
    /// columns (retired first: kept, unmapped, until the contract drops them) as expand/contract steps.
    /// </summary>
    /// <param name="entityTypeBuilder">The entity.</param>
    public static EntityTypeBuilder UsesExpandContract(this EntityTypeBuilder entityTypeBuilder)
    {
        ArgumentNullException.ThrowIfNull(entityTypeBuilder);
        return entityTypeBuilder.HasAnnotation(SafeMigrationsAnnotationNames.ExpandContract, true);
    }

    /// <inheritdoc cref="UsesExpandContract(EntityTypeBuilder)"/>
    public static EntityTypeBuilder<T> UsesExpandContract<T>(this EntityTypeBuilder<T> entityTypeBuilder)
        where T : class
        => (EntityTypeBuilder<T>)UsesExpandContract((EntityTypeBuilder)entityTypeBuilder);
}
