using System.Linq;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// Reads <c>[SafetyAssured("ESM0018", Reason = "...")]</c> on a migration class: the listed rules are accepted for
/// that migration when a non-blank reason is given. As at run time, an attribute without rule ids or without a
/// reason assures nothing.
/// </summary>
internal sealed class SafetyAssurance
{
    private readonly INamedTypeSymbol? _attribute;

    public SafetyAssurance(Compilation compilation)
        => _attribute = compilation.GetTypeByMetadataName(KnownNames.SafetyAssuredAttribute);

    public bool IsAssured(INamedTypeSymbol migrationClass, string ruleId)
    {
        if (_attribute is null)
        {
            return false;
        }

        foreach (var attribute in migrationClass.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _attribute) || !HasReason(attribute))
            {
                continue;
            }

            var ids = attribute.ConstructorArguments
                .SelectMany(argument => argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArrayOf(argument))
                .Select(value => value.Value as string)
                .ToList();
            if (ids.Any(id => string.Equals(id?.Trim(), ruleId, System.StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasReason(AttributeData attribute)
        => attribute.NamedArguments.Any(named => named.Key == KnownNames.SafetyAssuredReason
                                                 && named.Value.Value is string reason
                                                 && !string.IsNullOrWhiteSpace(reason));

    private static System.Collections.Immutable.ImmutableArray<TypedConstant> ImmutableArrayOf(TypedConstant value)
        => System.Collections.Immutable.ImmutableArray.Create(value);
}
