using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// A table rename changes the conventional names of its primary key and of the foreign keys from and to it, which EF
/// scaffolds as a drop and an add of each (a full validation of every foreign key, under locks). Where the drop and the add
/// differ only by those names, the pair becomes one <c>ALTER TABLE ... RENAME CONSTRAINT</c>: the database ends with the
/// names the model (and EF's snapshot) has, at no cost.
/// </summary>
internal static class ConstraintRenames
{
    /// <param name="work">The operations.</param>
    /// <param name="dropSide">The model the drops are found in (the one the migration starts from).</param>
    /// <param name="sql">Quotes names.</param>
    /// <param name="schema">The renamed table's schema.</param>
    /// <param name="oldName">The table's name before.</param>
    /// <param name="newName">Its name after.</param>
    public static void Apply(OperationList work, IRelationalModel dropSide, ISqlGenerationHelper sql, string? schema, string oldName, string newName)
    {
        string Renamed(string table) => table == oldName ? newName : table;

        foreach (var drop in work.OfType<DropPrimaryKeyOperation>().Where(d => d.Table == oldName && d.Schema == schema))
        {
            var columns = dropSide.FindTable(oldName, schema)?.PrimaryKey?.Columns.Select(c => c.Name).ToArray();
            var add = work.OfType<AddPrimaryKeyOperation>().FirstOrDefault(a => a.Table == newName && a.Schema == schema && columns is not null && a.Columns.SequenceEqual(columns));
            if (add is not null)
            {
                Pair(work, sql, drop, add, drop.Name, add.Name, add.Table, schema);
            }
        }

        foreach (var drop in work.OfType<DropForeignKeyOperation>())
        {
            var key = dropSide.FindTable(drop.Table, drop.Schema)?.ForeignKeyConstraints.FirstOrDefault(f => f.Name == drop.Name);
            if (key is null || (drop.Table != oldName && key.PrincipalTable.Name != oldName))
            {
                continue;
            }

            var add = work.OfType<AddForeignKeyOperation>().FirstOrDefault(a =>
                a.Table == Renamed(drop.Table) && a.Schema == drop.Schema && a.PrincipalTable == Renamed(key.PrincipalTable.Name)
                && a.Columns.SequenceEqual(key.Columns.Select(c => c.Name)) && a.PrincipalColumns!.SequenceEqual(key.PrincipalColumns.Select(c => c.Name))
                && a.OnDelete == key.OnDeleteAction);
            if (add is not null)
            {
                Pair(work, sql, drop, add, drop.Name, add.Name, add.Table, drop.Schema);
            }
        }
    }

    private static void Pair(
        OperationList work, ISqlGenerationHelper sql, MigrationOperation drop, MigrationOperation add, string oldName, string newName, string table, string? schema)
    {
        work.Remove(drop);
        if (oldName == newName)
        {
            work.Remove(add);
            return;
        }

        work.Replace(add, new SqlOperation
        {
            Sql = $"ALTER TABLE {sql.DelimitIdentifier(table, schema)} RENAME CONSTRAINT {sql.DelimitIdentifier(oldName)} TO {sql.DelimitIdentifier(newName)};",
        });
    }
}
