using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>Schemas, extensions, enums and sequences.</summary>
internal sealed partial class SchemaDiffer
{
    // Every database has it; the model never needs to create or drop it.
    private const string PublicSchema = "public";

    private void DiffSchemasAndExtensions()
    {
        foreach (var schema in _desired.Schemas.Except(_live.Schemas).Where(s => s != PublicSchema))
        {
            _plan.Add(PushStepKind.CreateSchema, schema, $"CREATE SCHEMA {_sql.Id(schema)}");
        }

        foreach (var schema in _live.Schemas.Except(_desired.Schemas).Where(s => s != PublicSchema))
        {
            _plan.Add(PushStepKind.DropSchema, schema, $"DROP SCHEMA {_sql.Id(schema)}");
        }

        foreach (var extension in _desired.Extensions.Except(_live.Extensions))
        {
            _plan.Add(PushStepKind.CreateExtension, extension, $"CREATE EXTENSION IF NOT EXISTS {_sql.Id(extension)}");
        }

        foreach (var extension in _live.Extensions.Except(_desired.Extensions))
        {
            _plan.Warning($"Extension {extension} is not in the model; push leaves it installed.");
        }
    }

    private void DiffEnums()
    {
        foreach (var desired in _desired.Enums.Values)
        {
            if (!_live.Enums.TryGetValue(desired.Name, out var live))
            {
                _plan.Add(PushStepKind.CreateEnum, desired.Name.ToString(),
                    $"CREATE TYPE {_sql.Name(desired.Name)} AS ENUM ({string.Join(", ", desired.Labels.Select(PushSql.Literal))})");
                continue;
            }

            if (!IsOrderedSubset(live.Labels, desired.Labels))
            {
                RecreateEnum(live, desired);
                continue;
            }

            for (var i = 0; i < desired.Labels.Count; i++)
            {
                var label = desired.Labels[i];
                if (live.Labels.Contains(label))
                {
                    continue;
                }

                var position = i == 0
                    ? $" BEFORE {PushSql.Literal(live.Labels.Count > 0 ? live.Labels[0] : label)}"
                    : $" AFTER {PushSql.Literal(desired.Labels[i - 1])}";
                _plan.Add(PushStepKind.AddEnumValue, $"{desired.Name}.{label}",
                    $"ALTER TYPE {_sql.Name(desired.Name)} ADD VALUE IF NOT EXISTS {PushSql.Literal(label)}{(live.Labels.Count > 0 ? position : "")}");
            }
        }

        foreach (var live in _live.Enums.Values.Where(e => !_desired.Enums.ContainsKey(e.Name)))
        {
            _plan.Add(PushStepKind.DropEnum, live.Name.ToString(), $"DROP TYPE {_sql.Name(live.Name)}");
        }
    }

    /// <summary>True when the column exists in the live database and stays (not dropped or re-created).</summary>
    private bool LiveColumnKept(ColumnRef column)
        => _live.Tables.GetValueOrDefault(column.Table)?.FindColumn(column.Column) is { } live
           && _desired.Tables.GetValueOrDefault(column.Table)?.FindColumn(column.Column) is { } desired
           && !NeedsRecreate(live, desired);

    /// <summary>Creates a serial sequence for a column that already exists, owned by it and past its keys.</summary>
    private void CreateOwnedSequence(SequenceModel sequence, ColumnRef owner)
    {
        _plan.Add(PushStepKind.AlterColumn, sequence.Name.ToString(),
            $"CREATE SEQUENCE {_sql.Name(sequence.Name)} {PushSql.SequenceOptionClauses(sequence.Options, includeType: true)}");
        _plan.Add(PushStepKind.SetSequenceOwner, sequence.Name.ToString(),
            $"ALTER SEQUENCE {_sql.Name(sequence.Name)} OWNED BY {_sql.Name(owner.Table)}.{_sql.Id(owner.Column)}");
        _plan.Add(PushStepKind.SetSequenceOwner, sequence.Name.ToString(), SkipExistingKeys(owner.Table, owner.Column, sequence.Options.Start));
    }

    private static bool IsOrderedSubset(IReadOnlyList<string> subset, IReadOnlyList<string> of)
    {
        var at = 0;
        foreach (var label in subset)
        {
            while (at < of.Count && of[at] != label)
            {
                at++;
            }

            if (at == of.Count)
            {
                return false;
            }

            at++;
        }

        return true;
    }

    /// <summary>
    /// Standalone sequences match by name; serial sequences match by the column that owns them, since their
    /// name follows the table's (a renamed table keeps its old sequence name, which is renamed to match).
    /// </summary>
    private void DiffSequences()
    {
        var matchedLive = new HashSet<QualifiedName>();
        foreach (var desired in _desired.Sequences.Values)
        {
            var live = desired.OwnedBy is null
                ? _live.Sequences.GetValueOrDefault(desired.Name) is { OwnedBy: null } standalone ? standalone : null
                : _live.Sequences.Values.FirstOrDefault(s => s.OwnedBy == desired.OwnedBy);
            if (live is null && desired.OwnedBy is { } newOwner && LiveColumnKept(newOwner))
            {
                continue; // a column that stays switches to serial: AlterColumn creates the sequence at the right moment
            }

            if (live is null)
            {
                _plan.Add(PushStepKind.CreateSequence, desired.Name.ToString(),
                    $"CREATE SEQUENCE {_sql.Name(desired.Name)} {PushSql.SequenceOptionClauses(desired.Options, includeType: true)}");
                if (desired.OwnedBy is { } owner)
                {
                    _plan.Add(PushStepKind.SetSequenceOwner, desired.Name.ToString(),
                        $"ALTER SEQUENCE {_sql.Name(desired.Name)} OWNED BY {_sql.Name(owner.Table)}.{_sql.Id(owner.Column)}");
                }

                continue;
            }

            matchedLive.Add(live.Name);
            var current = live.Name;
            if (current.Schema != desired.Name.Schema)
            {
                _plan.Add(PushStepKind.RenameSequence, desired.Name.ToString(),
                    $"ALTER SEQUENCE {_sql.Name(current)} SET SCHEMA {_sql.Id(desired.Name.Schema)}");
                current = current with { Schema = desired.Name.Schema };
            }

            if (current.Name != desired.Name.Name)
            {
                _plan.Add(PushStepKind.RenameSequence, desired.Name.ToString(),
                    $"ALTER SEQUENCE {_sql.Name(current)} RENAME TO {_sql.Id(desired.Name.Name)}");
            }

            if (live.Options != desired.Options)
            {
                // START WITH only records the start; the current value is kept (that would be RESTART).
                _plan.Add(PushStepKind.AlterSequence, desired.Name.ToString(),
                    $"ALTER SEQUENCE {_sql.Name(desired.Name)} AS {desired.Options.DataType} {PushSql.SequenceSetClauses(desired.Options, identity: false)}");
            }
        }

        foreach (var live in _live.Sequences.Values.Where(s => !matchedLive.Contains(s.Name)))
        {
            // A sequence owned by a column that is dropped goes with it; one whose column stays is dropped by AlterColumn.
            if (live.OwnedBy is null)
            {
                _plan.Add(PushStepKind.DropSequence, live.Name.ToString(), $"DROP SEQUENCE {_sql.Name(live.Name)}");
            }
        }
    }
}
