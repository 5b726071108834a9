using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// Compares the live database (with rename hints applied) with the desired one (the shadow database built
/// from the model) and plans the statements that turn one into the other. Split by object family; each part
/// only adds steps, and <see cref="PlanBuilder"/> puts them in dependency order.
/// </summary>
internal sealed partial class SchemaDiffer
{
    private readonly SchemaModel _live;
    private readonly SchemaModel _desired;
    private readonly PushSql _sql;
    private readonly PlanBuilder _plan;
    private readonly RenameApplier _renames;
    private readonly ILiveData _data;
    private readonly IFillValues _fill;
    private readonly bool _concurrentIndexes;

    /// <summary>Columns (by their desired table) whose type changes: foreign keys over them are re-created.</summary>
    private readonly HashSet<ColumnRef> _retypedColumns = [];

    /// <summary>Columns dropped and added again (generated columns): what stands on them must be re-created too.</summary>
    private readonly HashSet<ColumnRef> _recreatedColumns = [];

    /// <summary>Tables whose primary key, unique constraints or unique indexes are dropped or re-created.</summary>
    private readonly HashSet<QualifiedName> _tablesWithChangedKeys = [];

    public SchemaDiffer(
        SchemaModel live, SchemaModel desired, PushSql sql, PlanBuilder plan, RenameApplier renames, ILiveData data, IFillValues fill,
        bool concurrentIndexes)
    {
        _live = live;
        _desired = desired;
        _sql = sql;
        _plan = plan;
        _renames = renames;
        _data = data;
        _fill = fill;
        _concurrentIndexes = concurrentIndexes;
    }

    public async Task DiffAsync(CancellationToken cancellationToken)
    {
        DiffSchemasAndExtensions();
        DiffEnums();
        DiffCollations();
        DiffSequences();
        DiffTables();
        await ConvertEnumColumnsAsync(cancellationToken);
        foreach (var desiredTable in _desired.Tables.Values)
        {
            if (_live.Tables.TryGetValue(desiredTable.Name, out var liveTable))
            {
                await DiffColumnsAsync(liveTable, desiredTable, cancellationToken);
            }
        }

        DiffConstraintsAndIndexes();
        DiffForeignKeys();
        DiffComments();
    }

    /// <summary>The desired sequence owned by a column (serial), for its default.</summary>
    private QualifiedName? DesiredOwnedSequence(QualifiedName table, string column)
        => _desired.Sequences.Values.FirstOrDefault(s => s.OwnedBy == new ColumnRef(table, column))?.Name;

    private QualifiedName? LiveOwnedSequence(QualifiedName table, string column)
        => _live.Sequences.Values.FirstOrDefault(s => s.OwnedBy == new ColumnRef(table, column))?.Name;
}
