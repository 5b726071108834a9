using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>Columns of a table that exists on both sides: add, drop (data loss), alter.</summary>
internal sealed partial class SchemaDiffer
{
    private async Task DiffColumnsAsync(TableModel live, TableModel desired, CancellationToken cancellationToken)
    {
        var table = desired.Name;
        foreach (var liveColumn in live.Columns.Where(c => desired.FindColumn(c.Name) is null))
        {
            DropColumn(table, liveColumn, replacedBy: null);
        }

        foreach (var column in desired.Columns)
        {
            var liveColumn = live.FindColumn(column.Name);
            if (liveColumn is null)
            {
                await AddColumnAsync(table, column, cancellationToken);
            }
            else if (NeedsRecreate(liveColumn, column))
            {
                // A generated column's expression cannot be altered, and a column cannot become generated: drop and add.
                _recreatedColumns.Add(new ColumnRef(table, column.Name));
                DropColumn(table, liveColumn, replacedBy: column);
                await AddColumnAsync(table, column, cancellationToken);
            }
            else
            {
                await AlterColumnAsync(table, liveColumn, column, cancellationToken);
            }
        }
    }

    private static bool NeedsRecreate(ColumnModel live, ColumnModel desired)
        => desired.IsGenerated && (live.GeneratedExpression != desired.GeneratedExpression || live.DataType != desired.DataType);

    private void DropColumn(QualifiedName table, ColumnModel column, ColumnModel? replacedBy)
    {
        var sql = $"ALTER TABLE {_sql.Name(table)} DROP COLUMN {_sql.Id(column.Name)}";
        var target = $"{table}.{column.Name}";
        if (column.IsGenerated)
        {
            _plan.Add(PushStepKind.DropColumn, target, sql); // derived values: nothing is lost
            return;
        }

        _plan.AddDataLoss(PushStepKind.DropColumn, target, sql,
            replacedBy is null ? $"drops column {target} and its values" : $"replaces column {target} and its values by a generated column",
            AllowList.ColumnEntry(table, column.Name));
    }

    private async Task AddColumnAsync(QualifiedName table, ColumnModel column, CancellationToken cancellationToken)
    {
        var add = $"ALTER TABLE {_sql.Name(table)} ADD COLUMN ";
        var target = $"{table}.{column.Name}";
        var needsValue = column is { NotNull: true, Default: null, IsIdentity: false, IsGenerated: false };
        if (!needsValue || !await _data.HasRowsAsync(_renames.OriginalTable(table), cancellationToken))
        {
            _plan.Add(PushStepKind.AddColumn, target, add + _sql.ColumnDefinition(column, DesiredOwnedSequence(table, column.Name)));
            return;
        }

        var fill = _fill.Literal(table, column.Name);
        if (fill is null)
        {
            _plan.Problem($"Column {target} is NOT NULL without a default and table {table} has rows: give the column a default " +
                          "(HasDefaultValue / HasDefaultValueSql), make it nullable, or fill it in a migration.");
            return;
        }

        // Never truncate: existing rows get the CLR default (what EF's migrations give them), then the default goes.
        _plan.AddDataLoss(PushStepKind.AddColumn, target, add + _sql.ColumnDefinition(column, null, defaultOverride: fill),
            $"adds NOT NULL column {target} without a default to a table with rows: existing rows get {fill}",
            AllowList.ColumnEntry(table, column.Name));
        _plan.Add(PushStepKind.AddColumn, target, $"ALTER TABLE {_sql.Name(table)} ALTER COLUMN {_sql.Id(column.Name)} DROP DEFAULT");
    }

    private async Task AlterColumnAsync(QualifiedName table, ColumnModel live, ColumnModel desired, CancellationToken cancellationToken)
    {
        var alter = $"ALTER TABLE {_sql.Name(table)} ALTER COLUMN {_sql.Id(desired.Name)} ";
        var target = $"{table}.{desired.Name}";
        void Step(string clause) => _plan.Add(PushStepKind.AlterColumn, target, alter + clause);

        if (live.IsGenerated && !desired.IsGenerated)
        {
            Step("DROP EXPRESSION"); // keeps the values, the column becomes a plain one
        }

        var liveDefault = live.IsGenerated ? null : live.Default;
        var sameDefault = liveDefault == desired.Default;
        var typeChanges = live.DataType != desired.DataType || live.Collation != desired.Collation;
        if (liveDefault is not null && (!sameDefault || typeChanges))
        {
            Step("DROP DEFAULT");
            liveDefault = null;
        }

        var column = new ColumnRef(table, desired.Name);
        var liveSequence = LiveOwnedSequence(table, desired.Name);
        var desiredSequence = _desired.Sequences.Values.FirstOrDefault(s => s.OwnedBy == column);
        if (liveSequence is not null && desiredSequence is null)
        {
            // No longer serial: its default is dropped above, so the sequence can go before an identity takes over.
            _plan.Add(PushStepKind.AlterColumn, liveSequence.Value.ToString(), $"DROP SEQUENCE {_sql.Name(liveSequence.Value)}");
        }

        if (live.IsIdentity && !desired.IsIdentity)
        {
            Step("DROP IDENTITY");
        }

        if (liveSequence is null && desiredSequence is not null)
        {
            CreateOwnedSequence(desiredSequence, column);
        }

        if (typeChanges)
        {
            _retypedColumns.Add(new ColumnRef(table, desired.Name));
            var clause = $"TYPE {desired.DataType}{(desired.Collation is null ? "" : " COLLATE " + desired.Collation)}" +
                         (live.DataType == desired.DataType ? "" : $" USING {_sql.Id(desired.Name)}::{desired.DataType}");
            if (TypeChanges.KeepsEveryValue(live.DataType, desired.DataType))
            {
                Step(clause);
            }
            else
            {
                _plan.AddDataLoss(PushStepKind.AlterColumn, target, alter + clause,
                    $"changes the type of {target} from {live.DataType} to {desired.DataType}, which can lose or fail to convert values",
                    AllowList.ColumnEntry(table, desired.Name));
            }
        }

        if (desired.Default is not null && liveDefault != desired.Default)
        {
            Step("SET DEFAULT " + _sql.Default(desired, DesiredOwnedSequence(table, desired.Name)));
        }

        if (desired.NotNull && !live.NotNull)
        {
            await RequireValuesAsync(table, desired, cancellationToken);
            Step("SET NOT NULL");
        }

        if (desired.IsIdentity && !live.IsIdentity)
        {
            Step("ADD" + PushSql.Identity(desired));
            _plan.Add(PushStepKind.AlterColumn, target, SkipExistingKeys(table, desired.Name, desired.IdentityOptions?.Start ?? 1));
        }
        else if (desired.IsIdentity)
        {
            if (desired.Identity != live.Identity)
            {
                Step(desired.Identity == 'a' ? "SET GENERATED ALWAYS" : "SET GENERATED BY DEFAULT");
            }

            if (desired.IdentityOptions is { } options && (live.IdentityOptions is null || options with { DataType = "" } != live.IdentityOptions with { DataType = "" }))
            {
                Step(PushSql.SequenceSetClauses(options, identity: true));
            }
        }

        if (!desired.NotNull && live.NotNull)
        {
            Step("DROP NOT NULL");
        }
    }

    /// <summary>
    /// A sequence that starts serving an existing column (new identity, new serial sequence) would hand out keys
    /// the rows already have: move it past them.
    /// </summary>
    private string SkipExistingKeys(QualifiedName table, string column, long start)
        => $"SELECT setval(pg_get_serial_sequence({PushSql.Literal(_sql.Name(table))}, {PushSql.Literal(column)}), " +
           $"GREATEST(COALESCE(max({_sql.Id(column)}) + 1, {start}), {start}), false) FROM {_sql.Name(table)}";

    /// <summary>SET NOT NULL on a column with NULLs would fail: fill them (data change, allow-listed) or report why not.</summary>
    private async Task RequireValuesAsync(QualifiedName table, ColumnModel column, CancellationToken cancellationToken)
    {
        var original = _renames.OriginalTable(table);
        if (!await _data.HasNullsAsync(original, _renames.OriginalColumn(table, column.Name), cancellationToken))
        {
            return;
        }

        var target = $"{table}.{column.Name}";
        var fill = column.Default is not null ? "DEFAULT" : _fill.Literal(table, column.Name);
        if (fill is null)
        {
            _plan.Problem($"Column {target} becomes NOT NULL but has NULL values, and the model gives no value to fill them with: " +
                          "fill them first or give the column a default.");
            return;
        }

        _plan.AddDataLoss(PushStepKind.AlterColumn, target,
            $"UPDATE {_sql.Name(table)} SET {_sql.Id(column.Name)} = {fill} WHERE {_sql.Id(column.Name)} IS NULL",
            $"column {target} becomes NOT NULL: its NULL values are replaced by {fill}",
            AllowList.ColumnEntry(table, column.Name));
    }
}
