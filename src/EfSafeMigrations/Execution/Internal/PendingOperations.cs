using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>What preflight checks ask of the pending migrations' operations.</summary>
internal static class PendingOperations
{
    /// <summary>
    /// The operations <paramref name="select"/> picks (or turns into what it checks), in order, with their migration, except those on a
    /// table a pending migration creates before them: that table is new and empty when they run, and its checks happen then.
    /// </summary>
    public static List<(string Id, T Item)> OnExistingTables<T>(
        IReadOnlyList<(string Id, Migration Migration)> pending, Func<MigrationOperation, T?> select)
        where T : class, ITableMigrationOperation
    {
        var created = new HashSet<(string?, string)>();
        var items = new List<(string, T)>();
        foreach (var (id, migration) in pending)
        {
            foreach (var operation in migration.UpOperations)
            {
                if (operation is CreateTableOperation table)
                {
                    created.Add((table.Schema, table.Name));
                }
                else if (select(operation) is { } item && !created.Contains((item.Schema, item.Table)))
                {
                    items.Add((id, item));
                }
            }
        }

        return items;
    }
}
