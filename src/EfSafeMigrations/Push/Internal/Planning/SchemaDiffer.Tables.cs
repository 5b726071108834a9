using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>Tables: create, drop (data loss), persistence.</summary>
internal sealed partial class SchemaDiffer
{
    private void DiffTables()
    {
        foreach (var desired in _desired.Tables.Values)
        {
            if (!_live.Tables.TryGetValue(desired.Name, out var live))
            {
                CreateTable(desired);
            }
            else if (live.Unlogged != desired.Unlogged)
            {
                _plan.Add(PushStepKind.AlterTable, desired.Name.ToString(),
                    $"ALTER TABLE {_sql.Name(desired.Name)} SET {(desired.Unlogged ? "UNLOGGED" : "LOGGED")}");
            }
        }

        foreach (var live in _live.Tables.Values.Where(t => !_desired.Tables.ContainsKey(t.Name)))
        {
            _plan.AddDataLoss(PushStepKind.DropTable, live.Name.ToString(), $"DROP TABLE {_sql.Name(live.Name)}",
                $"drops table {live.Name} and all its rows", AllowList.TableEntry(live.Name));
        }
    }

    /// <summary>CREATE TABLE with its columns and its own constraints; foreign keys and indexes follow as steps.</summary>
    private void CreateTable(TableModel table)
    {
        var lines = table.Columns
            .Select(c => _sql.ColumnDefinition(c, DesiredOwnedSequence(table.Name, c.Name)))
            .Concat(table.Constraints.Values
                .Where(c => c.Kind != ConstraintKind.ForeignKey)
                .OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => $"CONSTRAINT {_sql.Id(c.Name)} {c.Definition}"));
        _plan.Add(PushStepKind.CreateTable, table.Name.ToString(),
            $"CREATE {(table.Unlogged ? "UNLOGGED " : "")}TABLE {_sql.Name(table.Name)} (\n    {string.Join(",\n    ", lines)}\n)");

        foreach (var index in table.Indexes.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            // The table is new and empty: building the index inside the transaction blocks nobody.
            _plan.Add(PushStepKind.CreateIndex, $"{table.Name.Schema}.{index.Name}", _sql.CreateIndex(table.Name, index, concurrently: false));
        }
    }

    private void DiffComments()
    {
        foreach (var desired in _desired.Tables.Values)
        {
            var live = _live.Tables.GetValueOrDefault(desired.Name);
            if (live?.Comment != desired.Comment)
            {
                _plan.Add(PushStepKind.Comment, desired.Name.ToString(),
                    $"COMMENT ON TABLE {_sql.Name(desired.Name)} IS {Comment(desired.Comment)}");
            }

            foreach (var column in desired.Columns)
            {
                var liveColumn = live?.FindColumn(column.Name);
                // A column push drops and re-adds loses its comment with it.
                var recreated = liveColumn is not null && NeedsRecreate(liveColumn, column);
                if ((recreated ? null : liveColumn?.Comment) != column.Comment)
                {
                    _plan.Add(PushStepKind.Comment, $"{desired.Name}.{column.Name}",
                        $"COMMENT ON COLUMN {_sql.Name(desired.Name)}.{_sql.Id(column.Name)} IS {Comment(column.Comment)}");
                }
            }
        }
    }

    private static string Comment(string? text) => text is null ? "NULL" : PushSql.Literal(text);
}
