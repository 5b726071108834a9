using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// The expansions an Up was scaffolded with, and what they replaced: enough to turn EF's Down (the reverse of EF's Up)
/// into the UndoExpand forms with the same arguments.
/// </summary>
internal sealed class ExpansionPlan
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    /// <param name="expansion">The expand operation.</param>
    /// <param name="constraintNames">Indexes and foreign keys the expansion took over from EF (their Down steps go with it).</param>
    /// <param name="keptAlter">An AlterColumn kept beside the expansion for what it does not change (a new default).</param>
    public void Add(ExpansionOperation expansion, IEnumerable<string>? constraintNames = null, AlterColumnOperation? keptAlter = null)
        => _entries.Add(new Entry(expansion, [.. constraintNames ?? []], keptAlter));

    /// <param name="operations">EF's Down.</param>
    /// <param name="downSource">The model the Down starts from (the current one).</param>
    /// <param name="sql">Quotes names.</param>
    public IReadOnlyList<MigrationOperation> Undo(IReadOnlyList<MigrationOperation> operations, IRelationalModel downSource, ISqlGenerationHelper sql)
    {
        var work = new OperationList(operations);
        foreach (var (expansion, names, keptAlter) in _entries)
        {
            var undo = expansion.AsStage(ExpansionStage.UndoExpand);
            var inverse = Inverse(work, expansion);
            if (inverse is null)
            {
                work.Insert(0, undo);
            }
            else if (keptAlter is not null && inverse is AlterColumnOperation alter)
            {
                // The Up kept EF's AlterColumn for the default only; its reverse keeps the column nullable too.
                alter.OldColumn.IsNullable = true;
                work.InsertBefore(alter, undo);
            }
            else
            {
                work.Replace(inverse, undo);
            }

            RemoveTakenOver(work, expansion, names);
            if (expansion is ExpandTableRenameOperation table)
            {
                ConstraintRenames.Apply(work, downSource, sql, table.Schema, table.NewName, table.Table);
            }
        }

        return work.ToList();
    }

    // EF's Down step that reverses what the expansion replaced in the Up.
    private static MigrationOperation? Inverse(OperationList work, ExpansionOperation expansion)
        => expansion switch
        {
            ExpandColumnOperation c => work.OfType<RenameColumnOperation>()
                .FirstOrDefault(r => r.Table == c.Table && r.Schema == c.Schema && r.Name == c.NewName && r.NewName == c.Name),
            ExpandRequiredOperation r => work.OfType<AlterColumnOperation>()
                .FirstOrDefault(a => a.Table == r.Table && a.Schema == r.Schema && a.Name == r.Name && a.IsNullable && !a.OldColumn.IsNullable),
            ExpandTableRenameOperation t => work.OfType<RenameTableOperation>()
                .FirstOrDefault(r => r.Name == t.NewName && r.Schema == t.Schema && r.NewName == t.Table),
            RetireColumnOperation d => work.OfType<AddColumnOperation>()
                .FirstOrDefault(a => a.Table == d.Table && a.Schema == d.Schema && a.Name == d.Name),
            _ => null,
        };

    // The undo drops the new column, and with it the indexes and foreign keys the expand put on it; the old ones never went.
    private static void RemoveTakenOver(OperationList work, ExpansionOperation expansion, IReadOnlySet<string> names)
    {
        if (expansion is not ExpandColumnOperation column)
        {
            return;
        }

        foreach (var alter in work.OfType<AlterColumnOperation>().Where(a => a.Table == column.Table && a.Schema == column.Schema && a.Name == column.Name))
        {
            work.Remove(alter);
        }

        foreach (var operation in work.OfType<MigrationOperation>().Where(o => TakenOver(o, column, names)))
        {
            work.Remove(operation);
        }
    }

    private static bool TakenOver(MigrationOperation operation, ExpandColumnOperation column, IReadOnlySet<string> names)
        => operation switch
        {
            RenameIndexOperation r => r.Table == column.Table && (names.Contains(r.Name) || names.Contains(r.NewName)),
            DropIndexOperation d => d.Table == column.Table && names.Contains(d.Name),
            CreateIndexOperation c => c.Table == column.Table && names.Contains(c.Name),
            DropForeignKeyOperation d => d.Table == column.Table && names.Contains(d.Name),
            AddForeignKeyOperation a => a.Table == column.Table && names.Contains(a.Name),
            _ => false,
        };

    private sealed record Entry(ExpansionOperation Expansion, HashSet<string> Names, AlterColumnOperation? KeptAlter);
}
