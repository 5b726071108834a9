namespace EfSafeMigrations;

/// <summary>
/// One danger rule: what it flags, why it is dangerous, and the safe way to do the same thing.
/// Rules live in <see cref="RuleCatalog"/>; the linter, the design-time reporter and the build-time
/// analyzer all read them from there, so ids and messages exist once.
/// </summary>
public sealed class Rule
{
    internal Rule(
        string id,
        string title,
        RuleCategory category,
        RuleSeverity defaultSeverity,
        string messageFormat,
        string why,
        string safeAlternative,
        string unsafeSample,
        string safeSample,
        bool autoFixedBySafeGenerator = false,
        bool exemptWhenTableIsNew = false,
        int? minimumPostgresVersion = null,
        int? maximumPostgresVersion = null,
        string? runtimeOnlyReason = null,
        bool checkedByDataPreflight = false)
    {
        Id = id;
        Title = title;
        Category = category;
        DefaultSeverity = defaultSeverity;
        MessageFormat = messageFormat;
        Why = why;
        SafeAlternative = safeAlternative;
        UnsafeSample = unsafeSample;
        SafeSample = safeSample;
        AutoFixedBySafeGenerator = autoFixedBySafeGenerator;
        ExemptWhenTableIsNew = exemptWhenTableIsNew;
        MinimumPostgresVersion = minimumPostgresVersion;
        MaximumPostgresVersion = maximumPostgresVersion;
        RuntimeOnlyReason = runtimeOnlyReason;
        CheckedByDataPreflight = checkedByDataPreflight;
        AnalyzerSupport = runtimeOnlyReason is null ? AnalyzerSupport.Implemented : AnalyzerSupport.RuntimeOnly;
        HelpLink = "docs/rules/" + id + ".md";
    }

    /// <summary>The permanent id, <c>ESM</c> and four digits. Ids are never renumbered or reused.</summary>
    public string Id { get; }

    /// <summary>A short title, as in the docs page heading.</summary>
    public string Title { get; }

    /// <summary>The family the rule belongs to.</summary>
    public RuleCategory Category { get; }

    /// <summary>Severity unless the options override it. <see cref="RuleSeverity.Error"/> blocks start-up unless assured.</summary>
    public RuleSeverity DefaultSeverity { get; }

    /// <summary>
    /// The one-line finding, with <c>{0}</c>, <c>{1}</c>... for the objects concerned (their meaning is the
    /// same wherever the rule is reported: see each rule's docs page).
    /// </summary>
    public string MessageFormat { get; }

    /// <summary>Why the operation is dangerous: which lock it takes, what breaks, what data is lost.</summary>
    public string Why { get; }

    /// <summary>The safe way to reach the same schema.</summary>
    public string SafeAlternative { get; }

    /// <summary>Migration code (or SQL) that triggers the rule.</summary>
    public string UnsafeSample { get; }

    /// <summary>The same change written safely.</summary>
    public string SafeSample { get; }

    /// <summary>
    /// Whether EfSafeMigrations' SQL generator rewrites the operation into its safe form (when that rewrite is
    /// enabled): such operations are reported as rewrites, not as findings.
    /// </summary>
    public bool AutoFixedBySafeGenerator { get; }

    /// <summary>
    /// Whether the data preflight of <c>MigrateSafelyAsync</c> (on by default) finds the rows that make the operation fail
    /// before anything runs: findings on migration operations are then informational. Raw SQL is not preflighted.
    /// </summary>
    public bool CheckedByDataPreflight { get; }

    /// <summary>Whether the rule is silent for a table created earlier in the same migration (it is empty and unused).</summary>
    public bool ExemptWhenTableIsNew { get; }

    /// <summary>The first PostgreSQL major version the rule applies to; <see langword="null"/> for all earlier ones.</summary>
    public int? MinimumPostgresVersion { get; }

    /// <summary>The last PostgreSQL major version the rule applies to; <see langword="null"/> for all later ones.</summary>
    public int? MaximumPostgresVersion { get; }

    /// <summary>Whether the build-time analyzer can see the problem from source code alone.</summary>
    public AnalyzerSupport AnalyzerSupport { get; }

    /// <summary>For <see cref="AnalyzerSupport.RuntimeOnly"/> rules: the fact the analyzer cannot know.</summary>
    public string? RuntimeOnlyReason { get; }

    /// <summary>The rule's docs page, relative to the repository root (<c>docs/rules/ESMxxxx.md</c>).</summary>
    public string HelpLink { get; }

    /// <summary>Whether the rule applies to a server of the given PostgreSQL major version.</summary>
    public bool AppliesTo(int postgresMajorVersion)
        => (MinimumPostgresVersion is not int min || postgresMajorVersion >= min)
           && (MaximumPostgresVersion is not int max || postgresMajorVersion <= max);

    /// <summary>The PostgreSQL versions the rule applies to, in words (for docs and reports).</summary>
    public string PostgresVersionsText
        => (MinimumPostgresVersion, MaximumPostgresVersion) switch
        {
            (null, null) => "all versions",
            (int min, null) => "PostgreSQL " + min + " and later",
            (null, int max) => "before PostgreSQL " + (max + 1),
            (int min, int max) => "PostgreSQL " + min + " to " + max,
        };

    /// <summary>The message with the objects filled in.</summary>
    public string FormatMessage(params object?[] arguments)
        => string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, arguments);

    /// <inheritdoc />
    public override string ToString() => Id + ": " + Title;
}
