using System.Text;

namespace EfSafeMigrations;

/// <summary>The findings of linting one or more migrations.</summary>
public sealed class LintReport
{
    internal LintReport(IReadOnlyList<string> migrationIds, IReadOnlyList<LintFinding> findings, IReadOnlyList<string> assuranceErrors, int? postgresVersion)
    {
        MigrationIds = migrationIds;
        Findings = findings;
        AssuranceErrors = assuranceErrors;
        PostgresVersion = postgresVersion;
    }

    /// <summary>The migrations linted, in order.</summary>
    public IReadOnlyList<string> MigrationIds { get; }

    /// <summary>Every finding: open, assured and rewritten, in migration and operation order.</summary>
    public IReadOnlyList<LintFinding> Findings { get; }

    /// <summary>Invalid <c>[SafetyAssured]</c> attributes (unknown rule id, empty reason): each one blocks.</summary>
    public IReadOnlyList<string> AssuranceErrors { get; }

    /// <summary>The PostgreSQL major version the version-specific rules were checked for, when known.</summary>
    public int? PostgresVersion { get; }

    /// <summary>Findings that stop <c>MigrateSafelyAsync</c>: open errors.</summary>
    public IReadOnlyList<LintFinding> BlockingFindings => Findings.Where(f => f.IsBlocking).ToList();

    /// <summary>Open findings of warning or info severity.</summary>
    public IReadOnlyList<LintFinding> Warnings => Findings.Where(f => f.Status == FindingStatus.Open && !f.IsBlocking).ToList();

    /// <summary>Operations EfSafeMigrations' SQL generator rewrites into their safe form.</summary>
    public IReadOnlyList<LintFinding> Rewrites => Findings.Where(f => f.Status == FindingStatus.Rewritten).ToList();

    /// <summary>Findings the migrations assure with <c>[SafetyAssured]</c>.</summary>
    public IReadOnlyList<LintFinding> Assured => Findings.Where(f => f.Status == FindingStatus.Assured).ToList();

    /// <summary>Whether anything stops <c>MigrateSafelyAsync</c>: a blocking finding or an invalid assurance.</summary>
    public bool IsBlocking => AssuranceErrors.Count > 0 || Findings.Any(f => f.IsBlocking);

    /// <summary>
    /// The report as text: each finding with its migration, operation, rule, why and safe alternative;
    /// blocking findings first, with how to assure them.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var blocking = BlockingFindings;
        text.Append("EfSafeMigrations lint: ").Append(MigrationIds.Count).Append(" migration(s), ")
            .Append(blocking.Count).Append(" blocking, ").Append(Warnings.Count).Append(" warning(s), ")
            .Append(Rewrites.Count).Append(" rewrite(s), ").Append(Assured.Count).AppendLine(" assured.");
        foreach (var error in AssuranceErrors)
        {
            text.AppendLine().Append("Invalid assurance: ").AppendLine(error);
        }

        foreach (var finding in blocking.Concat(Warnings))
        {
            AppendFinding(text, finding);
        }

        foreach (var finding in Rewrites.Concat(Assured))
        {
            text.AppendLine().AppendLine(finding.ToString());
        }

        return text.ToString();
    }

    internal static void AppendFinding(StringBuilder text, LintFinding finding)
    {
        text.AppendLine()
            .AppendLine(finding.ToString())
            .Append("  Rule: ").Append(finding.RuleId).Append(' ').Append(finding.Rule.Title).Append(" (").Append(finding.Rule.HelpLink).AppendLine(")")
            .Append("  Why: ").AppendLine(finding.Why)
            .Append("  Safe alternative: ").AppendLine(finding.SafeAlternative);
        if (finding.IsBlocking)
        {
            text.Append("  If it is safe here: ").AppendLine(finding.HowToAssure);
        }
    }
}
