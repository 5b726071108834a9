using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// The expansions a database holds open: an expand applied, and neither its contract nor its undo applied after it. Read from the
/// applied migrations' operations (the journal and history say which are applied), in migration id order.
/// </summary>
internal static class OpenExpansions
{
    public static IReadOnlyList<OpenExpansion> Find(IEnumerable<(string Id, Migration Migration)> appliedInOrder)
    {
        var open = new List<OpenExpansion>();
        foreach (var (id, migration) in appliedInOrder.OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            foreach (var operation in migration.UpOperations.OfType<ExpansionOperation>())
            {
                if (operation.Stage == ExpansionStage.Expand)
                {
                    open.Add(new OpenExpansion(id, operation.Describe(), operation));
                }
                else
                {
                    // A contract or an undo closes the expansion of the same change (types may be spelled differently).
                    open.RemoveAll(o => ExpansionNames.SameChange(o.Operation, operation));
                }
            }
        }

        return open;
    }
}
