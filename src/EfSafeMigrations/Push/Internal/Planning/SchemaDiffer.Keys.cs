using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>Constraints other than foreign keys, indexes, then foreign keys (which depend on both).</summary>
internal sealed partial class SchemaDiffer
{
    private void DiffConstraintsAndIndexes()
    {
        foreach (var desired in _desired.Tables.Values)
        {
            if (!_live.Tables.TryGetValue(desired.Name, out var live))
            {
                continue; // created with its constraints and indexes
            }

            var table = desired.Name;
            foreach (var liveConstraint in live.Constraints.Values.Where(c => c.Kind != ConstraintKind.ForeignKey))
            {
                var wanted = desired.Constraints.GetValueOrDefault(liveConstraint.Name);
                if (wanted is null || wanted.Kind != liveConstraint.Kind || wanted.Definition != liveConstraint.Definition
                    || MustRecreate(table, liveConstraint.Columns, liveConstraint.Definition))
                {
                    NoteKeyChange(table, liveConstraint.Kind);
                    _plan.Add(PushStepKind.DropConstraint, $"{table}.{liveConstraint.Name}",
                        $"ALTER TABLE {_sql.Name(table)} DROP CONSTRAINT {_sql.Id(liveConstraint.Name)}");
                }
                else if (!liveConstraint.Validated)
                {
                    _plan.Add(PushStepKind.ValidateConstraint, $"{table}.{liveConstraint.Name}",
                        $"ALTER TABLE {_sql.Name(table)} VALIDATE CONSTRAINT {_sql.Id(liveConstraint.Name)}");
                }
            }

            foreach (var constraint in desired.Constraints.Values.Where(c => c.Kind != ConstraintKind.ForeignKey))
            {
                var existing = live.Constraints.GetValueOrDefault(constraint.Name);
                if (existing is null || existing.Kind != constraint.Kind || existing.Definition != constraint.Definition
                    || MustRecreate(table, existing.Columns, existing.Definition))
                {
                    _plan.Add(PushStepKind.AddConstraint, $"{table}.{constraint.Name}",
                        $"ALTER TABLE {_sql.Name(table)} ADD CONSTRAINT {_sql.Id(constraint.Name)} {constraint.Definition}");
                }
            }

            foreach (var liveIndex in live.Indexes.Values)
            {
                var wanted = desired.Indexes.GetValueOrDefault(liveIndex.Name);
                if (wanted is null || wanted != liveIndex with { Valid = true } || !liveIndex.Valid || MustRecreate(table, liveIndex.Columns, liveIndex.Definition))
                {
                    if (liveIndex.Unique)
                    {
                        _tablesWithChangedKeys.Add(table);
                    }

                    _plan.Add(PushStepKind.DropIndex, $"{table.Schema}.{liveIndex.Name}",
                        $"DROP INDEX {_sql.Name(new QualifiedName(table.Schema, liveIndex.Name))}");
                }
            }

            foreach (var index in desired.Indexes.Values)
            {
                var existing = live.Indexes.GetValueOrDefault(index.Name);
                if (existing is null || existing with { Valid = true } != index || !existing.Valid || MustRecreate(table, existing.Columns, existing.Definition))
                {
                    _plan.Add(_concurrentIndexes ? PushStepKind.CreateIndexConcurrently : PushStepKind.CreateIndex,
                        $"{table.Schema}.{index.Name}", _sql.CreateIndex(table, index, _concurrentIndexes),
                        index: new QualifiedName(table.Schema, index.Name));
                }
            }
        }
    }

    private void NoteKeyChange(QualifiedName table, ConstraintKind kind)
    {
        if (kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique)
        {
            _tablesWithChangedKeys.Add(table);
        }
    }

    /// <summary>
    /// A foreign key is dropped when it goes away or changes, and also (to be re-added) when something it stands
    /// on changes: a key of its principal table, or the type of one of its columns on either side.
    /// </summary>
    private void DiffForeignKeys()
    {
        foreach (var live in _live.Tables.Values)
        {
            var desiredTable = _desired.Tables.GetValueOrDefault(live.Name);
            if (desiredTable is null)
            {
                continue; // the table goes, and its foreign keys with it
            }

            foreach (var fk in live.Constraints.Values.Where(c => c.ForeignKey is not null))
            {
                var wanted = desiredTable.Constraints.GetValueOrDefault(fk.Name);
                var keep = wanted?.ForeignKey is { } wantedKey && wantedKey.Equivalent(fk.ForeignKey!) && !StandsOnAChange(live.Name, wantedKey);
                if (!keep)
                {
                    _plan.Add(PushStepKind.DropForeignKey, $"{live.Name}.{fk.Name}",
                        $"ALTER TABLE {_sql.Name(live.Name)} DROP CONSTRAINT {_sql.Id(fk.Name)}");
                }
                else if (!fk.Validated)
                {
                    _plan.Add(PushStepKind.ValidateConstraint, $"{live.Name}.{fk.Name}",
                        $"ALTER TABLE {_sql.Name(live.Name)} VALIDATE CONSTRAINT {_sql.Id(fk.Name)}");
                }
            }
        }

        foreach (var desired in _desired.Tables.Values)
        {
            var live = _live.Tables.GetValueOrDefault(desired.Name);
            foreach (var fk in desired.Constraints.Values.Where(c => c.ForeignKey is not null))
            {
                var existing = live?.Constraints.GetValueOrDefault(fk.Name);
                var kept = existing?.ForeignKey is { } existingKey && existingKey.Equivalent(fk.ForeignKey!) && !StandsOnAChange(desired.Name, fk.ForeignKey!);
                if (!kept)
                {
                    _plan.Add(PushStepKind.AddForeignKey, $"{desired.Name}.{fk.Name}",
                        $"ALTER TABLE {_sql.Name(desired.Name)} ADD CONSTRAINT {_sql.Id(fk.Name)} {_sql.ForeignKey(fk.ForeignKey!)}");
                }
            }
        }
    }

    private bool StandsOnRecreatedColumn(QualifiedName table, IEnumerable<string> columns)
        => columns.Any(c => _recreatedColumns.Contains(new ColumnRef(table, c)));

    private bool MustRecreate(QualifiedName table, IEnumerable<string> columns, string definition)
        => StandsOnRecreatedColumn(table, columns) || NamesRecreatedEnum(definition);

    private bool StandsOnAChange(QualifiedName table, ForeignKeyModel fk)
        => _tablesWithChangedKeys.Contains(fk.PrincipalTable)
           || !_live.Tables.ContainsKey(fk.PrincipalTable)
           || fk.Columns.Any(c => _retypedColumns.Contains(new ColumnRef(table, c)) || _recreatedColumns.Contains(new ColumnRef(table, c)))
           || fk.PrincipalColumns.Any(c => _retypedColumns.Contains(new ColumnRef(fk.PrincipalTable, c)));
}
