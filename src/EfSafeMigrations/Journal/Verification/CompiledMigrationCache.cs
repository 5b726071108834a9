using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>
/// What <see cref="CompiledMigration"/> computes from a migration (checksum, transactionality, assured rules), kept per
/// process so a second context or start-up does not rebuild and hash every migration's Up operations again.
/// </summary>
/// <remarks>
/// The key is the migration's <see cref="Type"/> and its active provider (the only input EF gives <c>Up</c>
/// besides the code itself). A migration is compiled code: editing it means a new build, which is a new
/// <see cref="Type"/> object (a new process, or a new assembly load context for design-time tools), so an
/// edit can never be answered from this cache. A migration whose <c>Up</c> depends on something else
/// (environment variables, configuration) already has no stable checksum and is unsupported (docs/journal.md).
/// Weak keys: types of a collectible assembly (design-time tools, tests) are not kept alive by the cache.
/// </remarks>
internal static class CompiledMigrationCache
{
    private static readonly ConditionalWeakTable<Type, ConcurrentDictionary<string, Facts>> ByType = [];

    public static CompiledMigration Get(string id, Migration migration)
    {
        var byProvider = ByType.GetValue(migration.GetType(), _ => new ConcurrentDictionary<string, Facts>(StringComparer.Ordinal));
        var facts = byProvider.GetOrAdd(migration.ActiveProvider ?? string.Empty, _ => new Facts(
            MigrationChecksum.Compute(migration), MigrationFacts.IsNonTransactional(migration.UpOperations),
            MigrationFacts.AssuredRules(migration.GetType())));
        return new CompiledMigration(id, CompiledMigration.NameOf(id), facts.Checksum, facts.NonTransactional, facts.AssuredRules);
    }

    private sealed record Facts(string Checksum, bool NonTransactional, IReadOnlyList<string> AssuredRules);
}
