using System.Reflection;

namespace EfSafeMigrations.Linting;

/// <summary>The <c>[SafetyAssured]</c> attributes of one migration class, validated.</summary>
internal sealed class Assurances
{
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);

    private Assurances()
    {
    }

    public static Assurances None { get; } = new();

    public List<string> Errors { get; } = [];

    /// <summary>Reads and validates the attributes: every id must be a rule id, every reason non-empty.</summary>
    public static Assurances Read(string migrationId, Type? migrationType)
    {
        var assurances = new Assurances();
        if (migrationType is null)
        {
            return assurances;
        }

        foreach (var attribute in migrationType.GetCustomAttributes<SafetyAssuredAttribute>(inherit: false))
        {
            if (string.IsNullOrWhiteSpace(attribute.Reason))
            {
                assurances.Errors.Add(
                    $"Migration '{migrationId}' has [SafetyAssured({string.Join(", ", attribute.RuleIds.Select(id => $"\"{id}\""))})] without a reason. " +
                    "Say why the operation is safe here: [SafetyAssured(\"ESM0018\", Reason = \"column unused since v4.2\")].");
                continue;
            }

            if (attribute.RuleIds.Count == 0)
            {
                assurances.Errors.Add($"Migration '{migrationId}' has [SafetyAssured] without rule ids. Name the rules it assures, for example [SafetyAssured(\"ESM0018\", Reason = \"...\")].");
            }

            foreach (var id in attribute.RuleIds)
            {
                if (RuleCatalog.Find(id) is { } rule)
                {
                    assurances._reasons[rule.Id] = attribute.Reason.Trim();
                }
                else
                {
                    assurances.Errors.Add(
                        $"Migration '{migrationId}' has [SafetyAssured(\"{id}\")], but '{id}' is not an EfSafeMigrations rule id. " +
                        $"Use the id of the finding it assures ({RuleCatalog.All[0].Id} to {RuleCatalog.All[^1].Id}, see docs/rules/), or remove it.");
                }
            }
        }

        return assurances;
    }

    public string? ReasonFor(Rule rule) => _reasons.GetValueOrDefault(rule.Id);
}
