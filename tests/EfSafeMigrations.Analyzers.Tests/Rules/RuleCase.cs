namespace EfSafeMigrations.Analyzers.Tests.Rules;

/// <summary>
/// One rule's test material: migration statements that trigger it (with <c>{|ESMxxxx:...|}</c> markup where the
/// diagnostic is expected), the same change written safely, and what the code fix produces (when it has one).
/// <see cref="Down"/> is the migration's Down for all of them (empty by default).
/// </summary>
public sealed record RuleCase(string Id, string Unsafe, string Safe, string SafeAttributes = "", string? Fixed = null, string FixedAttributes = "", string Down = "")
{
    public override string ToString() => Id;
}
