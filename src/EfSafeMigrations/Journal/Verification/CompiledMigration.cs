using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>What the journal records about a compiled migration, computed at run time.</summary>
internal sealed record CompiledMigration(string Id, string Name, string Checksum, bool NonTransactional, IReadOnlyList<string> AssuredRules)
{
    /// <summary>Cached per migration type and provider: see <see cref="CompiledMigrationCache"/>.</summary>
    public static CompiledMigration From(string id, Migration migration) => CompiledMigrationCache.Get(id, migration);

    /// <summary>The name part of an id (<c>20260101120000_AddUsers</c> is <c>AddUsers</c>).</summary>
    public static string NameOf(string id)
    {
        var underscore = id.IndexOf('_', StringComparison.Ordinal);
        return underscore < 0 ? id : id[(underscore + 1)..];
    }
}
