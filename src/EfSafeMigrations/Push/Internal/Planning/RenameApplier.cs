using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// Applies rename hints to the live model in memory and plans the matching ALTER ... RENAME steps, so that the
/// diff that follows sees a renamed object as the same object (and keeps its data). Remembers the names the
/// live database still has, for the data probes that run before the renames are executed.
/// </summary>
internal sealed class RenameApplier(SchemaModel live, SchemaModel desired, PushSql sql, PlanBuilder plan)
{
    private readonly Dictionary<QualifiedName, QualifiedName> _originalTables = [];
    private readonly Dictionary<(QualifiedName, string), string> _originalColumns = [];

    public QualifiedName OriginalTable(QualifiedName table) => _originalTables.GetValueOrDefault(table, table);

    public string OriginalColumn(QualifiedName table, string column) => _originalColumns.GetValueOrDefault((table, column), column);

    public void Apply(IEnumerable<TableRename> tables, IEnumerable<ColumnRename> columns)
    {
        foreach (var rename in tables)
        {
            RenameTable(rename);
        }

        foreach (var rename in columns)
        {
            RenameColumn(rename);
        }
    }

    private void RenameTable(TableRename rename)
    {
        var (from, to) = rename;
        if (!live.Tables.ContainsKey(from) && live.Tables.ContainsKey(to))
        {
            return; // applied by an earlier push
        }

        if (!live.Tables.TryGetValue(from, out var table))
        {
            plan.Problem($"Rename hint \"table {from} -> {to}\": the database has no table {from}.");
            return;
        }

        if (live.Tables.ContainsKey(to) || !desired.Tables.ContainsKey(to))
        {
            plan.Problem(live.Tables.ContainsKey(to)
                ? $"Rename hint \"table {from} -> {to}\": the database already has a table {to}."
                : $"Rename hint \"table {from} -> {to}\": the model has no table {to}.");
            return;
        }

        var current = from;
        if (from.Schema != to.Schema)
        {
            plan.Add(PushStepKind.RenameTable, to.ToString(), $"ALTER TABLE {sql.Name(current)} SET SCHEMA {sql.Id(to.Schema)}");
            current = current with { Schema = to.Schema };
        }

        if (from.Name != to.Name)
        {
            plan.Add(PushStepKind.RenameTable, to.ToString(), $"ALTER TABLE {sql.Name(current)} RENAME TO {sql.Id(to.Name)}");
        }

        live.Tables.Remove(from);
        table.Name = to;
        live.Tables[to] = table;
        _originalTables[to] = from;
        foreach (var other in live.Tables.Values)
        {
            foreach (var (name, constraint) in other.Constraints.ToList())
            {
                if (constraint.ForeignKey is { } fk && fk.PrincipalTable == from)
                {
                    other.Constraints[name] = constraint with { ForeignKey = fk with { PrincipalTable = to } };
                }
            }
        }

        foreach (var (name, sequence) in live.Sequences.ToList())
        {
            if (sequence.OwnedBy?.Table == from)
            {
                // Owned sequences move with their table's schema; their name stays.
                live.Sequences.Remove(name);
                var moved = sequence with { Name = name with { Schema = to.Schema }, OwnedBy = sequence.OwnedBy with { Table = to } };
                live.Sequences[moved.Name] = moved;
            }
        }
    }

    private void RenameColumn(ColumnRename rename)
    {
        var (tableName, from, to) = rename;
        if (!live.Tables.TryGetValue(tableName, out var table))
        {
            // The hint may name the table by its old name when the table is renamed too.
            var renamed = _originalTables.FirstOrDefault(p => p.Value == tableName).Key;
            if (renamed == default || !live.Tables.TryGetValue(renamed, out table))
            {
                plan.Problem($"Rename hint \"column {tableName}.{from} -> {to}\": the database has no table {tableName}.");
                return;
            }

            tableName = renamed;
        }

        var column = table.FindColumn(from);
        if (column is null)
        {
            if (table.FindColumn(to) is null)
            {
                plan.Problem($"Rename hint \"column {tableName}.{from} -> {to}\": table {tableName} has no column {from}.");
            }

            return; // otherwise applied by an earlier push
        }

        if (table.FindColumn(to) is not null || desired.Tables.GetValueOrDefault(tableName)?.FindColumn(to) is null)
        {
            plan.Problem($"Rename hint \"column {tableName}.{from} -> {to}\": " +
                         (table.FindColumn(to) is not null ? $"the table already has a column {to}." : $"the model has no column {tableName}.{to}."));
            return;
        }

        plan.Add(PushStepKind.RenameColumn, $"{tableName}.{to}",
            $"ALTER TABLE {sql.Name(tableName)} RENAME COLUMN {sql.Id(from)} TO {sql.Id(to)}");
        table.Columns[table.Columns.IndexOf(column)] = column with { Name = to };
        _originalColumns[(tableName, to)] = from;

        foreach (var other in live.Tables.Values)
        {
            foreach (var (name, constraint) in other.Constraints.ToList())
            {
                if (constraint.ForeignKey is not { } fk)
                {
                    continue;
                }

                var updated = fk;
                if (other == table)
                {
                    updated = updated with { Columns = fk.Columns.Select(c => c == from ? to : c).ToList() };
                }

                if (fk.PrincipalTable == tableName)
                {
                    updated = updated with { PrincipalColumns = fk.PrincipalColumns.Select(c => c == from ? to : c).ToList() };
                }

                other.Constraints[name] = constraint with { ForeignKey = updated };
            }
        }

        foreach (var (name, sequence) in live.Sequences.ToList())
        {
            if (sequence.OwnedBy == new ColumnRef(tableName, from))
            {
                live.Sequences[name] = sequence with { OwnedBy = new ColumnRef(tableName, to) };
            }
        }
    }
}
