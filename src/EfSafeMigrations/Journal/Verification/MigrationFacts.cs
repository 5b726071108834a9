using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>Facts about a migration the journal records besides its checksum.</summary>
internal static class MigrationFacts
{
    /// <summary>The attribute migrations use to accept a rule's finding (the rule catalogue's; read by name so either side can land first).</summary>
    public const string SafetyAssuredAttributeName = "EfSafeMigrations.SafetyAssuredAttribute";

    /// <summary>Whether any Up step runs outside a transaction (a concurrent index build or suppressed raw SQL).</summary>
    public static bool IsNonTransactional(IEnumerable<MigrationOperation> operations)
        => operations.Any(o => o is SqlOperation { SuppressTransaction: true }
                               || o.FindAnnotation("Npgsql:CreatedConcurrently")?.Value is true);

    /// <summary>Rule ids named by <c>[SafetyAssured(...)]</c> attributes on the migration class, sorted.</summary>
    public static IReadOnlyList<string> AssuredRules(Type migrationType)
    {
        var rules = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var attribute in migrationType.GetCustomAttributesData().Where(a => a.AttributeType.FullName == SafetyAssuredAttributeName))
        {
            foreach (var argument in attribute.ConstructorArguments)
            {
                Collect(argument, rules);
            }
        }

        return [.. rules];
    }

    private static void Collect(CustomAttributeTypedArgument argument, SortedSet<string> rules)
    {
        switch (argument.Value)
        {
            case string rule when LooksLikeRuleId(rule):
                rules.Add(rule);
                break;
            case IEnumerable<CustomAttributeTypedArgument> items:
                foreach (var item in items)
                {
                    Collect(item, rules);
                }

                break;
        }
    }

    // The attribute may also take a reason; rule ids are short tokens such as ESM0001.
    private static bool LooksLikeRuleId(string value) => value.Length is > 0 and <= 16 && value.All(char.IsAsciiLetterOrDigit);
}
