namespace EfSafeMigrations;

/// <summary>
/// Declares that a migration's dangerous operations for the named rules are safe here, and why. The lint gate
/// then reports them as assured instead of refusing the migration; the reason stays in the code and in every
/// report. Put it on the migration class, once per reason:
/// <code>[SafetyAssured("ESM0018", Reason = "Users.LegacyCode unused since v4.2")]</code>
/// An unknown id or an empty reason stops <c>MigrateSafelyAsync</c> with an error naming the migration.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SafetyAssuredAttribute : Attribute
{
    /// <summary>Assures the given rules (ids such as <c>ESM0018</c>) for this migration.</summary>
    public SafetyAssuredAttribute(params string[] ruleIds) => RuleIds = ruleIds ?? [];

    /// <summary>The assured rule ids.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>Why the operations are safe here (shown in every report). Required.</summary>
    public required string Reason { get; set; }
}
