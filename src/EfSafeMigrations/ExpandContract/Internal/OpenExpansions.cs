using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>An expand whose contract no later migration holds yet.</summary>
/// <param name="MigrationId">The migration that expands.</param>
/// <param name="Expansion">Its expand operation.</param>
internal sealed record OpenExpansion(string MigrationId, ExpansionOperation Expansion);

/// <summary>
/// The expansions of a migrations assembly still waiting for their contract: expand operations in the Up of a migration
/// without a later Up holding the same change in another form (its contract, or an undo written by hand), nor, for a retired
/// column, a later DropColumn of it. Found from the migrations themselves, so a contract can be scaffolded on any machine.
/// </summary>
internal static class OpenExpansions
{
    public static IReadOnlyList<OpenExpansion> Of(IMigrationsAssembly assembly, string? activeProvider)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Find(assembly.Migrations.Select(m => (m.Key, assembly.CreateMigration(m.Value, activeProvider ?? string.Empty).UpOperations)));
    }

    /// <param name="migrations">Each migration's id and Up, in the order they apply.</param>
    public static IReadOnlyList<OpenExpansion> Find(IEnumerable<(string Id, IReadOnlyList<MigrationOperation> Up)> migrations)
    {
        var open = new List<OpenExpansion>();
        foreach (var (id, up) in migrations)
        {
            foreach (var operation in up)
            {
                switch (operation)
                {
                    case ExpansionOperation { Stage: ExpansionStage.Expand } expansion:
                        open.Add(new OpenExpansion(id, expansion));
                        break;
                    case ExpansionOperation closing:
                        open.RemoveAll(o => o.Expansion.SameChangeAs(closing));
                        break;
                    case DropColumnOperation drop:
                        open.RemoveAll(o => o.Expansion is RetireColumnOperation retired
                                            && retired.Table == drop.Table && retired.Schema == drop.Schema && retired.Name == drop.Name);
                        break;
                }
            }
        }

        return open;
    }
}
