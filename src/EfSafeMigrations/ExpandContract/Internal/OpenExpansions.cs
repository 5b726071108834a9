using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Open expansions: an expand, and neither its contract nor its undo in the Up of a later migration (nor, for a retired
/// column, EF's DropColumn of it). Over the applied migrations (the journal and history say which): what a database holds
/// open; over all the migrations of an assembly: what <c>migrations add</c> can scaffold the contract of. In migration id order.
/// </summary>
internal static class OpenExpansions
{
    /// <summary>Every migration of the assembly, applied or not (scaffolding and <c>contract list</c> need no database).</summary>
    public static IReadOnlyList<OpenExpansion> Of(IMigrationsAssembly assembly, string? activeProvider)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Find(assembly.Migrations.Select(m => (m.Key, assembly.CreateMigration(m.Value, activeProvider ?? string.Empty))));
    }

    public static IReadOnlyList<OpenExpansion> Find(IEnumerable<(string Id, Migration Migration)> appliedInOrder)
        => FromOperations(appliedInOrder.Select(m => (m.Id, m.Migration.UpOperations)));

    /// <param name="migrations">Each migration's id and Up.</param>
    public static IReadOnlyList<OpenExpansion> FromOperations(IEnumerable<(string Id, IReadOnlyList<MigrationOperation> Up)> migrations)
    {
        var open = new List<OpenExpansion>();
        foreach (var (id, up) in migrations.OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            foreach (var operation in up)
            {
                switch (operation)
                {
                    case ExpansionOperation { Stage: ExpansionStage.Expand } expansion:
                        open.Add(new OpenExpansion(id, expansion.Describe(), expansion));
                        break;
                    case ExpansionOperation closing:
                        // A contract or an undo closes the expansion of the same change (types may be spelled differently).
                        open.RemoveAll(o => ExpansionNames.SameChange(o.Operation, closing));
                        break;
                    case DropColumnOperation drop:
                        open.RemoveAll(o => o.Operation is RetireColumnOperation retired
                                            && retired.Table == drop.Table && retired.Schema == drop.Schema && retired.Name == drop.Name);
                        break;
                }
            }
        }

        return open;
    }
}
