namespace EfSafeMigrations;

/// <summary>What became of a finding.</summary>
public enum FindingStatus
{
    /// <summary>Reported at its severity; an open error blocks <c>MigrateSafelyAsync</c>.</summary>
    Open,

    /// <summary>The migration carries <c>[SafetyAssured]</c> for the rule: reported with the reason, never blocks.</summary>
    Assured,

    /// <summary>EfSafeMigrations' SQL generator applies the safe form instead: reported as a rewrite, never blocks.</summary>
    Rewritten,
}

/// <summary>One dangerous operation found in a migration.</summary>
public sealed class LintFinding
{
    internal LintFinding(
        Rule rule, RuleSeverity severity, string migrationId, int operationIndex, string operation, string message,
        FindingStatus status, string? assuranceReason)
    {
        Rule = rule;
        Severity = severity;
        MigrationId = migrationId;
        OperationIndex = operationIndex;
        Operation = operation;
        Message = message;
        Status = status;
        AssuranceReason = assuranceReason;
    }

    /// <summary>The rule the operation breaks.</summary>
    public Rule Rule { get; }

    /// <summary>The rule id, for example <c>ESM0001</c>.</summary>
    public string RuleId => Rule.Id;

    /// <summary>The effective severity (the rule's default unless the options override it).</summary>
    public RuleSeverity Severity { get; }

    /// <summary>The migration (its id, such as <c>20260101120000_AddEmail</c>).</summary>
    public string MigrationId { get; }

    /// <summary>Zero-based position of the operation in the migration's <c>Up</c>.</summary>
    public int OperationIndex { get; }

    /// <summary>The operation, in a few words (for example <c>DropColumn Users.LegacyCode</c>).</summary>
    public string Operation { get; }

    /// <summary>What is wrong, with the objects named.</summary>
    public string Message { get; }

    /// <summary>Why it is dangerous: the lock, what breaks, what is lost.</summary>
    public string Why => Rule.Why;

    /// <summary>The safe way to make the same change.</summary>
    public string SafeAlternative => Rule.SafeAlternative;

    /// <summary>Open, assured or rewritten.</summary>
    public FindingStatus Status { get; }

    /// <summary>The reason given in <c>[SafetyAssured]</c>, for assured findings.</summary>
    public string? AssuranceReason { get; }

    /// <summary>Whether this finding stops <c>MigrateSafelyAsync</c>: an open finding of error severity.</summary>
    public bool IsBlocking => Status == FindingStatus.Open && Severity == RuleSeverity.Error;

    /// <summary>How to assure the migration for this rule.</summary>
    public string HowToAssure => $"[SafetyAssured(\"{RuleId}\", Reason = \"...\")] on migration {MigrationId}";

    private string DataCaveat => !Linting.RewritePolicy.CanFailOnData(Rule) ? string.Empty
        : Severity == RuleSeverity.Warning ? " Existing rows can still make it fail (a NULL, a duplicate) and the data preflight is off: check them before applying."
        : " Existing rows can still make it fail (a NULL, a duplicate): the data preflight checks them before anything runs.";

    /// <summary>The finding on one line.</summary>
    public override string ToString()
        => Status switch
        {
            FindingStatus.Rewritten => $"{RuleId} rewritten: {MigrationId}, operation {OperationIndex + 1} ({Operation}): {Message}; the safe form is applied instead.{DataCaveat}",
            FindingStatus.Assured => $"{RuleId} assured: {MigrationId}, operation {OperationIndex + 1} ({Operation}): {Message} (reason: {AssuranceReason}).",
            _ => $"{RuleId} {Severity.ToString().ToLowerInvariant()}: {MigrationId}, operation {OperationIndex + 1} ({Operation}): {Message}.",
        };
}
