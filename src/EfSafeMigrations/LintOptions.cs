namespace EfSafeMigrations;

/// <summary>Which danger rules are checked and at what severity.</summary>
public sealed class LintOptions
{
    private readonly Dictionary<string, RuleSeverity> _severities = new(StringComparer.Ordinal);
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private int? _targetPostgresVersion;

    /// <summary>
    /// Whether migrations are linted at all (at <c>dotnet ef migrations add</c> and before
    /// <c>MigrateSafelyAsync</c> applies anything). On by default.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The PostgreSQL major version the migrations will run on (for example 15). Version-specific rules
    /// (ESM0010, ESM0042) use it. When not set, the version given to Npgsql's <c>SetPostgresVersion</c> is used,
    /// then the connected server's; with none of these (design time, CI), those rules assume a current server.
    /// </summary>
    public int? TargetPostgresVersion
    {
        get => _targetPostgresVersion;
        set => _targetPostgresVersion = value is null or (>= 9 and <= 99)
            ? value
            : throw new ArgumentOutOfRangeException(
                nameof(value), value, "TargetPostgresVersion is a PostgreSQL major version such as 15 (9 to 99).");
    }

    /// <summary>Severity overrides by rule id, as set with <see cref="SetSeverity"/>.</summary>
    public IReadOnlyDictionary<string, RuleSeverity> SeverityOverrides => _severities;

    /// <summary>Rule ids turned off with <see cref="Disable"/>.</summary>
    public IReadOnlyCollection<string> DisabledRules => _disabled;

    /// <summary>
    /// Changes a rule's severity: <see cref="RuleSeverity.Error"/> blocks start-up unless the migration is assured,
    /// <see cref="RuleSeverity.Warning"/> and <see cref="RuleSeverity.Info"/> are reported only.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not a rule id.</exception>
    public LintOptions SetSeverity(string ruleId, RuleSeverity severity)
    {
        var rule = Resolve(ruleId);
        _disabled.Remove(rule.Id);
        _severities[rule.Id] = severity;
        return this;
    }

    /// <summary>Turns rules off everywhere (prefer <c>[SafetyAssured]</c> on one migration, which leaves a trace).</summary>
    /// <exception cref="ArgumentException">An id is not a rule id.</exception>
    public LintOptions Disable(params string[] ruleIds)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        foreach (var id in ruleIds)
        {
            var rule = Resolve(id);
            _severities.Remove(rule.Id);
            _disabled.Add(rule.Id);
        }

        return this;
    }

    /// <summary>The severity the rule is reported with, or <see langword="null"/> when it is disabled.</summary>
    public RuleSeverity? EffectiveSeverity(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _disabled.Contains(rule.Id) ? null
            : _severities.TryGetValue(rule.Id, out var severity) ? severity
            : rule.DefaultSeverity;
    }

    private static Rule Resolve(string ruleId)
        => RuleCatalog.Find(ruleId) ?? throw new ArgumentException(
            $"'{ruleId}' is not an EfSafeMigrations rule id: use one of {RuleCatalog.All[0].Id} to {RuleCatalog.All[^1].Id} " +
            "(listed in the README and docs/rules/), for example o.Lint.SetSeverity(\"ESM0027\", RuleSeverity.Info).",
            nameof(ruleId));
}
