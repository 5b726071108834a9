using System.Text.RegularExpressions;
using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.DataPreflight.Internal;

/// <summary>
/// Walks the pending migrations' operations in order and asks, for each step that can fail on existing rows, the
/// question that finds those rows. Only rows that exist before the run are asked about: a table created, renamed
/// or dropped earlier in the run, or a column added, renamed or retyped earlier, is left alone (the live table does
/// not show what the step will see), and a table whose rows raw SQL changes earlier is marked so that what is found
/// only warns. A column whose NULLs the run fills (EF's <c>defaultValue</c> shape) is probed as it will be: a unique
/// key over it sees the filled value (many NULLs filled with '' are duplicates).
/// </summary>
internal sealed partial class DataProbePlanner(ISqlGenerationHelper sql, IRelationalTypeMappingSource typeMappings)
{
    private readonly Dictionary<(string, string, string), string> _fillValues = [];
    private readonly HashSet<(string, string)> _replacedTables = [];
    private readonly HashSet<(string, string, string)> _changedColumns = [];
    private readonly List<string> _dataChangingSql = [];
    private readonly List<DataProbe> _probes = [];

    public IReadOnlyList<DataProbe> Plan(IEnumerable<(string Id, IReadOnlyList<MigrationOperation> Operations)> migrations)
    {
        foreach (var (id, operations) in migrations)
        {
            var validated = operations.OfType<SqlOperation>().Select(o => o.Sql).ToList();
            foreach (var operation in operations)
            {
                Visit(id, operation, validated);
            }
        }

        return _probes;
    }

    private void Visit(string id, MigrationOperation operation, IReadOnlyList<string> sqlOfMigration)
    {
        switch (operation)
        {
            case CreateTableOperation create:
                _replacedTables.Add(Key(create.Schema, create.Name));
                break;
            case RenameTableOperation rename:
                _replacedTables.Add(Key(rename.NewSchema ?? rename.Schema, rename.NewName ?? rename.Name));
                break;
            case DropTableOperation drop:
                _replacedTables.Add(Key(drop.Schema, drop.Name));
                break;
            case AddColumnOperation add:
                if (!add.IsNullable && add.DefaultValue is null && add.DefaultValueSql is null && add.ComputedColumnSql is null
                    && !IsGenerated(add))
                {
                    Add(new DataProbe(id, DataPreflightCodes.RowsForRequiredColumn, add.Schema, add.Table, [], DataProbeKind.Rows, "true",
                        $"AddColumn {add.Table}.{add.Name} (NOT NULL, no default)", "exist, and PostgreSQL cannot give them a value",
                        "Give the column a default (defaultValue: in the migration), or add it nullable, fill it, then make it required."));
                }

                _changedColumns.Add(Key(add.Schema, add.Table, add.Name));
                break;
            case RenameColumnOperation rename:
                _changedColumns.Add(Key(rename.Schema, rename.Table, rename.NewName));
                break;
            case DropColumnOperation drop:
                _changedColumns.Add(Key(drop.Schema, drop.Table, drop.Name));
                break;
            case AlterColumnOperation alter:
                VisitAlter(id, alter);
                break;
            case CreateIndexOperation { IsUnique: true } index:
                Add(Duplicates(id, index.Schema, index.Table, index.Columns, index.Filter ?? string.Empty,
                    $"CreateIndex {index.Name} (unique)", nullsDistinct: index["Npgsql:NullsDistinct"] is not false));
                break;
            case AddUniqueConstraintOperation unique:
                Add(Duplicates(id, unique.Schema, unique.Table, unique.Columns, string.Empty, $"AddUniqueConstraint {unique.Name}", nullsDistinct: true));
                break;
            case AddPrimaryKeyOperation key:
                var unfilled = key.Columns.Where(c => !IsFilled(key.Schema, key.Table, c)).ToList();
                if (unfilled.Count > 0)
                {
                    Add(new DataProbe(id, DataPreflightCodes.Nulls, key.Schema, key.Table, key.Columns, DataProbeKind.Rows,
                        string.Join(" OR ", unfilled.Select(c => $"{sql.DelimitIdentifier(c)} IS NULL")),
                        $"AddPrimaryKey {key.Name}", "hold NULL in a key column", "Fill or delete those rows first (a primary key makes its columns NOT NULL)."));
                }

                Add(Duplicates(id, key.Schema, key.Table, key.Columns, string.Empty, $"AddPrimaryKey {key.Name}", nullsDistinct: true));
                break;
            case AddCheckConstraintOperation check when WillBeValidated(check, check.Name, sqlOfMigration):
                Add(new DataProbe(id, DataPreflightCodes.CheckViolations, check.Schema, check.Table, [], DataProbeKind.Rows,
                    $"({check.Sql}) IS FALSE", $"AddCheckConstraint {check.Name}", $"violate CHECK ({check.Sql})",
                    "Fix those rows first (UPDATE them in an earlier migration), or add the check NOT VALID and validate it later."));
                break;
            case AddForeignKeyOperation fk when WillBeValidated(fk, fk.Name, sqlOfMigration)
                                                && !_replacedTables.Contains(Key(fk.PrincipalSchema ?? fk.Schema, fk.PrincipalTable)):
                Add(ForeignKeyOrphans(id, fk));
                break;
            case SqlOperation raw when NullFillSql.TryParse(raw.Sql) is null && DataChangingStatement().IsMatch(raw.Sql):
                _dataChangingSql.Add(raw.Sql);
                break;
        }
    }

    private void VisitAlter(string id, AlterColumnOperation alter)
    {
        var becomesRequired = alter.OldColumn.IsNullable && !alter.IsNullable && alter.ComputedColumnSql is null;
        if (becomesRequired && !NullFillSql.NeedsFill(alter))
        {
            var column = sql.DelimitIdentifier(alter.Name);
            Add(new DataProbe(id, DataPreflightCodes.Nulls, alter.Schema, alter.Table, [alter.Name], DataProbeKind.Rows, $"{column} IS NULL",
                $"AlterColumn {alter.Table}.{alter.Name} to NOT NULL", "hold NULL",
                $"Fill them first: give the AlterColumn a defaultValue (EF then fills the NULLs), or add migrationBuilder.Sql(\"UPDATE ... SET {alter.Name} = ... WHERE {alter.Name} IS NULL\") before it."));
        }

        if (alter.ColumnType is not null && alter.OldColumn.ColumnType is not null && NarrowingCondition(alter) is { } condition)
        {
            Add(new DataProbe(id, DataPreflightCodes.ValuesDoNotFit, alter.Schema, alter.Table, [alter.Name], DataProbeKind.Rows, condition,
                $"AlterColumn {alter.Table}.{alter.Name} from {alter.OldColumn.ColumnType} to {alter.ColumnType}", $"hold values that do not fit {alter.ColumnType}",
                "Shorten or move those values first, or keep the wider type."));
        }

        if (becomesRequired && NullFillSql.NeedsFill(alter) && NullFillSql.KeepsType(alter))
        {
            _fillValues[Key(alter.Schema, alter.Table, alter.Name)] = NullFillSql.ValueSql(alter, typeMappings);
        }

        if (!NullFillSql.KeepsType(alter))
        {
            Add(new DataProbe(id, DataPreflightCodes.NoAutomaticConversion, alter.Schema, alter.Table, [alter.Name], DataProbeKind.Conversion,
                string.Empty, $"AlterColumn {alter.Table}.{alter.Name} from {alter.OldColumn.ColumnType} to {alter.ColumnType}",
                $"PostgreSQL has no automatic conversion from {alter.OldColumn.ColumnType} to {alter.ColumnType} (ALTER COLUMN ... TYPE without USING fails whatever the rows hold)",
                $"Write the change by hand with a conversion: migrationBuilder.Sql(\"ALTER TABLE ... ALTER COLUMN ... TYPE {alter.ColumnType} USING ...\"), or expand and contract (new column, backfill, switch, drop).")
            {
                FromType = alter.OldColumn.ColumnType,
                ToType = alter.ColumnType,
            });
            _changedColumns.Add(Key(alter.Schema, alter.Table, alter.Name));
        }
    }

    /// <summary>Rows that a narrower type cannot hold: shorter strings, smaller integers. Other type changes are not probed.</summary>
    private string? NarrowingCondition(AlterColumnOperation alter)
    {
        var column = sql.DelimitIdentifier(alter.Name);
        var newLength = VarcharLength(alter.ColumnType!);
        if (newLength is not null && (VarcharLength(alter.OldColumn.ColumnType!) is not { } oldLength || oldLength > newLength))
        {
            return $"char_length({column}::text) > {newLength}";
        }

        var newRange = IntegerRange(alter.ColumnType!);
        var oldRange = IntegerRange(alter.OldColumn.ColumnType!);
        var fromFractional = FractionalType().IsMatch(alter.OldColumn.ColumnType!.Trim());
        return newRange is not null && (fromFractional || (oldRange is not null && oldRange.Value.Max > newRange.Value.Max))
            ? $"{column} NOT BETWEEN {newRange.Value.Min} AND {newRange.Value.Max}"
            : null;
    }

    private static int? VarcharLength(string type)
    {
        var match = VarcharType().Match(type.Trim());
        return match.Success ? int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static (long Min, long Max)? IntegerRange(string type) => type.Trim().ToLowerInvariant() switch
    {
        "smallint" or "int2" => (short.MinValue, short.MaxValue),
        "integer" or "int" or "int4" => (int.MinValue, int.MaxValue),
        "bigint" or "int8" => (long.MinValue, long.MaxValue),
        _ => null,
    };

    private DataProbe Duplicates(string id, string? schema, string table, string[] columns, string filter, string step, bool nullsDistinct)
    {
        var notNull = nullsDistinct
            ? columns.Where(c => !IsFilled(schema, table, c)).Select(c => $"{sql.DelimitIdentifier(c)} IS NOT NULL")
            : [];
        var condition = string.Join(" AND ", notNull.Concat(filter.Length > 0 ? [$"({filter})"] : Array.Empty<string>()));
        var filled = columns.Where(c => IsFilled(schema, table, c)).ToList();
        return new DataProbe(id, DataPreflightCodes.Duplicates, schema, table, columns, DataProbeKind.DuplicateGroups, condition, step,
            $"share the same ({string.Join(", ", columns)})" + (filled.Count > 0 ? $" once the run has filled the NULLs of {string.Join(", ", filled)}" : string.Empty),
            "Remove or merge the duplicates first (a failed concurrent build would leave an INVALID index behind).")
        {
            GroupExpressions = [.. columns.Select(c => _fillValues.TryGetValue(Key(schema, table, c), out var value)
                ? $"COALESCE({sql.DelimitIdentifier(c)}, {value})"
                : sql.DelimitIdentifier(c))],
        };
    }

    private DataProbe ForeignKeyOrphans(string id, AddForeignKeyOperation fk)
    {
        var principal = sql.DelimitIdentifier(fk.PrincipalTable, fk.PrincipalSchema ?? fk.Schema);
        var principalColumns = fk.PrincipalColumns ?? [];
        var notNull = fk.Columns.Select(c => $"t0.{sql.DelimitIdentifier(c)} IS NOT NULL");
        var match = fk.Columns.Zip(principalColumns, (c, p) => $"p.{sql.DelimitIdentifier(p)} = t0.{sql.DelimitIdentifier(c)}");
        var condition = $"{string.Join(" AND ", notNull)} AND NOT EXISTS (SELECT 1 FROM {principal} AS p WHERE {string.Join(" AND ", match)})";
        return new DataProbe(id, DataPreflightCodes.ForeignKeyOrphans, fk.Schema, fk.Table, fk.Columns, DataProbeKind.Rows, condition,
            $"AddForeignKey {fk.Name}", $"reference no row of {fk.PrincipalTable}",
            "Delete those rows or set their reference to NULL first (or to an existing row).");
    }

    /// <summary>A NOT VALID constraint that no step of its migration validates cannot fail on existing rows.</summary>
    private static bool WillBeValidated(MigrationOperation operation, string name, IReadOnlyList<string> sqlOfMigration)
        => operation[SafeMigrationsAnnotationNames.NotValid] is not true
           || sqlOfMigration.Any(s => s.Contains("VALIDATE CONSTRAINT", StringComparison.OrdinalIgnoreCase) && s.Contains(name, StringComparison.Ordinal));

    private void Add(DataProbe probe)
    {
        var table = Key(probe.Schema, probe.Table);
        if (_replacedTables.Contains(table) || probe.Columns.Any(c => _changedColumns.Contains(Key(probe.Schema, probe.Table, c))))
        {
            return; // The live table does not show what this step will see.
        }

        _probes.Add(probe with { DataChangedEarlier = _dataChangingSql.Any(s => s.Contains(probe.Table, StringComparison.OrdinalIgnoreCase)) });
    }

    private static bool IsGenerated(AddColumnOperation add)
        => add.GetAnnotations().Any(a => a.Name.EndsWith("ValueGenerationStrategy", StringComparison.Ordinal) && a.Value is not null
                                         && !string.Equals(a.Value.ToString(), "None", StringComparison.Ordinal))
           || (add.ColumnType?.Contains("serial", StringComparison.OrdinalIgnoreCase) ?? false);

    private bool IsFilled(string? schema, string table, string column) => _fillValues.ContainsKey(Key(schema, table, column));

    private static (string, string) Key(string? schema, string table) => (schema ?? string.Empty, table);

    private static (string, string, string) Key(string? schema, string table, string column) => (schema ?? string.Empty, table, column);

    [GeneratedRegex(@"\b(UPDATE|DELETE|INSERT|TRUNCATE|MERGE|COPY)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DataChangingStatement();

    [GeneratedRegex(@"^(numeric|decimal|real|double precision|float4|float8|float)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FractionalType();

    [GeneratedRegex(@"^(character varying|varchar|character|char)\s*\(\s*(?<n>\d+)\s*\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VarcharType();
}
