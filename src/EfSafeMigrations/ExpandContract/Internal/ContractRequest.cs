namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Which open expansions <c>dotnet ef migrations add</c> scaffolds the contract of: <c>EFSAFEMIGRATIONS_CONTRACT=all</c>, or a
/// comma-separated list of their descriptions or column (table) names. An environment variable, because design-time services
/// cannot see <c>dotnet ef</c>'s own arguments.
/// </summary>
internal static class ContractRequest
{
    public const string Variable = "EFSAFEMIGRATIONS_CONTRACT";

    /// <summary>The requested contracts, in the order the expansions were made.</summary>
    /// <exception cref="InvalidOperationException">An item names no open expansion (nothing is scaffolded).</exception>
    public static IReadOnlyList<ExpansionOperation> Select(string? request, IReadOnlyList<OpenExpansion> open)
    {
        var items = (request ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            return [];
        }

        if (items is ["all"] || items is ["ALL"])
        {
            return open.Select(o => o.Operation.AsStage(ExpansionStage.Contract)).ToList();
        }

        var unknown = items.Where(item => !open.Any(o => Matches(o.Operation, item))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{Variable}={request}: {string.Join(", ", unknown)} names no open expansion. " + Listing(open) +
                $" Set {Variable} to 'all' or to some of these descriptions or column names, comma-separated.");
        }

        return open.Where(o => items.Any(item => Matches(o.Operation, item))).Select(o => o.Operation.AsStage(ExpansionStage.Contract)).ToList();
    }

    /// <summary>One sentence listing the open expansions (or saying there is none).</summary>
    public static string Listing(IReadOnlyList<OpenExpansion> open)
        => open.Count == 0
            ? "No expansion waits for its contract."
            : $"Open expansion(s): {string.Join("; ", open.Select(o => $"{o.Description} ({o.MigrationId})"))}.";

    private static bool Matches(ExpansionOperation expansion, string item)
    {
        var names = expansion switch
        {
            ExpandColumnOperation c => [c.Name, c.NewName],
            ExpandRequiredOperation r => [r.Name],
            ExpandTableRenameOperation t => [t.Table, t.NewName],
            RetireColumnOperation d => [d.Name],
            _ => Array.Empty<string>(),
        };
        return string.Equals(expansion.Describe(), item, StringComparison.OrdinalIgnoreCase) || names.Contains(item, StringComparer.Ordinal);
    }
}
