using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Turns EF's one-step operations for opted-in model elements into expand operations (docs/expand-contract.md,
/// "Scaffolding"): RenameColumn (with an AlterColumn of its type) into ExpandRenameColumn / ExpandColumnType, AlterColumn
/// nullable to required into ExpandRequired, RenameTable into ExpandRenameTable, DropColumn into RetireColumn; and the Down
/// of such an Up into the UndoExpand forms. What cannot be expanded stays EF's operation, with a note saying why.
/// <para>
/// EF's scaffolder asks for the Down as the reverse diff (current model to snapshot) right after the Up; that call is
/// recognised by its two models, so the Down is never mistaken for changes of its own (a column the Up adds is one the
/// Down drops, which must stay a drop).
/// </para>
/// </summary>
internal sealed class ExpansionDiffer(ExpansionOptIn optIn, IRelationalTypeMappingSource typeMappings, ISqlGenerationHelper sql)
{
    private (IRelationalModel? Source, IRelationalModel? Target, ExpansionPlan Plan)? _lastUp;

    /// <summary>Why opted-in changes of the last Up stayed EF's operations, for the scaffolding output.</summary>
    public List<string> Notes { get; } = [];

    public IReadOnlyList<MigrationOperation> Translate(IReadOnlyList<MigrationOperation> operations, IRelationalModel? source, IRelationalModel? target)
    {
        if (_lastUp is { } up && source is not null && ReferenceEquals(source, up.Target) && ReferenceEquals(target, up.Source))
        {
            _lastUp = null;
            return up.Plan.Undo(operations, source, sql);
        }

        Notes.Clear();
        if (source is null || target is null)
        {
            // Nothing existed before (or nothing remains): nothing to keep in sync.
            _lastUp = null;
            return operations;
        }

        var work = new OperationList(operations);
        var plan = new ExpansionPlan();
        var values = new ColumnValues(typeMappings);
        new TableRenameExpansions(optIn, sql, Notes).Apply(work, source, target, plan);
        new ColumnRenameExpansions(optIn, values, Notes).Apply(work, source, target, plan);
        new RequiredExpansions(optIn, values, Notes).Apply(work, source, target, plan);
        new RetireExpansions(optIn, values, Notes).Apply(work, source, target, plan);
        _lastUp = (source, target, plan);
        return work.ToList();
    }
}
