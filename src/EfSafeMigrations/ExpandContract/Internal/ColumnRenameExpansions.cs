using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// RenameColumn of an opted-in property into ExpandRenameColumn, or with EF's AlterColumn of its type into ExpandColumnType
/// (conversions from <c>HasExpandConversion</c>, else casts); the new column's type, nullability and default come from the
/// model. EF renames the column's indexes and re-creates its foreign keys under new names: the expand creates them on the new
/// column instead (concurrently, NOT VALID then validated) and leaves the old ones to go with the old column at the contract.
/// </summary>
internal sealed class ColumnRenameExpansions(ExpansionOptIn optIn, ColumnValues values, List<string> notes)
{
    public void Apply(OperationList work, IRelationalModel source, IRelationalModel target, ExpansionPlan plan)
    {
        foreach (var rename in work.OfType<RenameColumnOperation>())
        {
            if (target.FindTable(rename.Table, rename.Schema)?.FindColumn(rename.NewName) is not { } column || !optIn.Column(column)
                || source.FindTable(rename.Table, rename.Schema)?.FindColumn(rename.Name) is not { } oldColumn)
            {
                continue;
            }

            var alter = work.OfType<AlterColumnOperation>().FirstOrDefault(a => a.Table == rename.Table && a.Schema == rename.Schema && a.Name == rename.NewName);
            var takeOver = new TakeOver();
            var blocker = Blocker(column) ?? Indexes(work, column, oldColumn, takeOver) ?? ForeignKeys(work, column, oldColumn, takeOver);
            if (blocker is not null)
            {
                notes.Add($"column {Qualified.Column(rename.Schema, rename.Table, rename.Name)} renamed to {rename.NewName}: scaffolded as EF's one-step rename, {blocker}.");
                continue;
            }

            var expansion = new ExpandColumnOperation
            {
                Table = rename.Table, Schema = rename.Schema, Name = rename.Name, NewName = rename.NewName, StoreType = column.StoreType,
                IsNullable = column.IsNullable, DefaultValueSql = values.DefaultSql(column), Stage = ExpansionStage.Expand,
            };
            if (alter is not null && !Migrations.Internal.NullFillSql.KeepsType(alter))
            {
                expansion.OldStoreType = oldColumn.StoreType;
                expansion.Up = ExpansionOptIn.PropertyValue(column, SafeMigrationsAnnotationNames.ExpandConversionUp);
                expansion.Down = ExpansionOptIn.PropertyValue(column, SafeMigrationsAnnotationNames.ExpandConversionDown);
            }

            work.Replace(rename, expansion);
            if (alter is not null)
            {
                work.Remove(alter);
            }

            takeOver.ApplyTo(work);
            plan.Add(expansion, takeOver.Names);
        }

        NoteTypeChangesInPlace(work, target);
    }

    // A type change keeping the column's name cannot be expanded (the old version reads the old type from that name).
    private void NoteTypeChangesInPlace(OperationList work, IRelationalModel target)
    {
        foreach (var alter in work.OfType<AlterColumnOperation>().Where(a => !Migrations.Internal.NullFillSql.KeepsType(a) && !(a.OldColumn.IsNullable && !a.IsNullable)))
        {
            if (target.FindTable(alter.Table, alter.Schema)?.FindColumn(alter.Name) is { } column && optIn.Column(column))
            {
                notes.Add($"column {Qualified.Column(alter.Schema, alter.Table, alter.Name)} changes type in place: scaffolded as EF's AlterColumn; " +
                          "map the property to a new column name (HasColumnName) to expand it.");
            }
        }
    }

    private static string? Blocker(IColumn column)
    {
        var table = column.Table;
        if (table.PrimaryKey?.Columns.Contains(column) == true)
        {
            return "it is in the primary key (rows are identified by it: rename it in a maintenance window, or keep its name)";
        }

        if (table.UniqueConstraints.Any(u => u.Columns.Contains(column)) || table.ReferencingForeignKeyConstraints.Any(f => f.PrincipalColumns.Contains(column)))
        {
            return "it is in an alternate key other tables reference";
        }

        return ColumnValues.IsGenerated(column) ? "the database generates it (identity or computed)" : null;
    }

    // Each index on the new column: EF's RenameIndex becomes a CreateIndex on the new column; the old index stays.
    private static string? Indexes(OperationList work, IColumn column, IColumn oldColumn, TakeOver takeOver)
    {
        foreach (var index in column.Table.Indexes.Where(i => i.Columns.Contains(column)))
        {
            if (work.OfType<RenameIndexOperation>().FirstOrDefault(r => r.NewName == index.Name && r.Table == index.Table.Name) is { } rename)
            {
                takeOver.Replace(rename, CreateIndexOperation.CreateFrom(index), rename.Name, rename.NewName);
                continue;
            }

            var drops = work.OfType<DropIndexOperation>().Where(d => d.Table == index.Table.Name
                && oldColumn.Table.Indexes.Any(o => o.Name == d.Name && o.Columns.Contains(oldColumn))).ToList();
            if (!work.OfType<CreateIndexOperation>().Any(c => c.Name == index.Name && c.Table == index.Table.Name) || drops.Any(d => d.Name == index.Name))
            {
                return $"its index {index.Name} keeps its name (the old column's index has it until the contract): name the index after the column, or rename it by hand";
            }

            foreach (var drop in drops)
            {
                takeOver.Remove(drop, drop.Name);
            }

            takeOver.Names.Add(index.Name);
        }

        return null;
    }

    // Each foreign key on the new column: EF's AddForeignKey stays (on the new column); EF's drop of the old one goes.
    private static string? ForeignKeys(OperationList work, IColumn column, IColumn oldColumn, TakeOver takeOver)
    {
        foreach (var key in column.Table.ForeignKeyConstraints.Where(f => f.Columns.Contains(column)))
        {
            if (!work.OfType<AddForeignKeyOperation>().Any(a => a.Name == key.Name && a.Table == key.Table.Name))
            {
                return $"its foreign key {key.Name} keeps its name (the old column's has it until the contract): name it after the column, or rename it by hand";
            }

            takeOver.Names.Add(key.Name);
            foreach (var drop in work.OfType<DropForeignKeyOperation>().Where(d => d.Table == key.Table.Name
                         && oldColumn.Table.ForeignKeyConstraints.Any(o => o.Name == d.Name && o.Columns.Contains(oldColumn))))
            {
                takeOver.Remove(drop, drop.Name);
            }
        }

        return null;
    }

    /// <summary>EF's steps for the column's indexes and foreign keys that the expansion replaces, applied once it is certain.</summary>
    private sealed class TakeOver
    {
        private readonly List<(MigrationOperation Old, MigrationOperation? New)> _changes = [];

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public void Replace(MigrationOperation old, MigrationOperation replacement, params string[] names)
        {
            _changes.Add((old, replacement));
            Names.UnionWith(names);
        }

        public void Remove(MigrationOperation old, string name)
        {
            _changes.Add((old, null));
            Names.Add(name);
        }

        public void ApplyTo(OperationList work)
        {
            foreach (var (old, replacement) in _changes)
            {
                if (replacement is null)
                {
                    work.Remove(old);
                }
                else
                {
                    work.Replace(old, replacement);
                }
            }
        }
    }
}
