namespace EfSafeMigrations.Linting;

/// <summary>
/// Which rules the safe SQL generator fixes by itself for the current options: findings of those rules are
/// reported as rewrites, not as warnings or errors. The seam between the linter and the generator's
/// <see cref="RewriteOptions"/>.
/// </summary>
internal interface IRewritePolicy
{
    bool Rewrites(Rule rule);

    /// <summary>Whether the data preflight checks existing rows before a rewrite that can fail on them runs.</summary>
    bool DataChecked => true;
}

/// <summary>The rewrite policy for the effective options.</summary>
internal static class RewritePolicy
{
    /// <summary>Nothing is rewritten and no data preflight runs (plain EF): every finding is reported at its severity.</summary>
    public static IRewritePolicy None { get; } = new Fixed([]) { DataChecked = false };

    /// <summary>Rewrites exactly the given rules (tests, and the generator's mapping).</summary>
    public static IRewritePolicy Of(params Rule[] rules) => new Fixed(rules);

    /// <summary>
    /// Rewrites that still fail when existing rows do not comply (a NULL, a duplicate): never harmless by themselves,
    /// they rely on the data preflight (or are reported as warnings when it is off).
    /// </summary>
    public static bool CanFailOnData(Rule rule)
        => rule.Id == RuleCatalog.SetNotNull.Id || rule.Id == RuleCatalog.UniqueOrPrimaryKeyOnExistingTable.Id;

    /// <summary>The rules fixed by the rewrites <paramref name="options"/> enable.</summary>
    public static IRewritePolicy From(SafeMigrationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rewrites = options.Rewrites;
        var rules = new List<Rule>();
        if (rewrites.ConcurrentIndexes)
        {
            rules.Add(RuleCatalog.NonConcurrentIndexCreation);
            rules.Add(RuleCatalog.NonConcurrentIndexDrop);
        }

        if (rewrites.NotValidForeignKeys)
        {
            rules.Add(RuleCatalog.ForeignKeyWithoutNotValid);
        }

        if (rewrites.NotValidCheckConstraints)
        {
            rules.Add(RuleCatalog.CheckWithoutNotValid);
        }

        if (rewrites.SafeSetNotNull)
        {
            rules.Add(RuleCatalog.SetNotNull);
        }

        if (rewrites.ConstraintsUsingConcurrentIndex)
        {
            rules.Add(RuleCatalog.UniqueOrPrimaryKeyOnExistingTable);
        }

        return new Fixed(rules) { DataChecked = options.DataPreflight.Enabled };
    }

    private sealed class Fixed(IEnumerable<Rule> rules) : IRewritePolicy
    {
        public bool DataChecked { get; init; } = true;

        private readonly HashSet<string> _ids = rules.Where(r => r.AutoFixedBySafeGenerator).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        public bool Rewrites(Rule rule) => _ids.Contains(rule.Id);
    }
}
