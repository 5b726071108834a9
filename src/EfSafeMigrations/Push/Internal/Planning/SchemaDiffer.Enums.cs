using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// Enums whose values are removed or reordered. PostgreSQL cannot drop an enum value, so the type is re-created:
/// the old one is renamed aside, the new one created, every column converted through text (which fails, and
/// rolls everything back, if a row still has a removed value: the planner checks first and reports it), then the
/// old type dropped. Indexes and constraints whose text names the type are re-created around it.
/// </summary>
internal sealed partial class SchemaDiffer
{
    private readonly Dictionary<QualifiedName, (EnumModel Live, EnumModel Desired)> _recreatedEnums = [];

    private void RecreateEnum(EnumModel live, EnumModel desired)
    {
        var name = desired.Name;
        var aside = name with { Name = name.Name + "__esm_old" };
        _recreatedEnums[name] = (live, desired);
        _plan.Add(PushStepKind.CreateEnum, name.ToString(), $"ALTER TYPE {_sql.Name(name)} RENAME TO {_sql.Id(aside.Name)}");
        _plan.Add(PushStepKind.CreateEnum, name.ToString(),
            $"CREATE TYPE {_sql.Name(name)} AS ENUM ({string.Join(", ", desired.Labels.Select(PushSql.Literal))})");
        _plan.Add(PushStepKind.DropEnum, aside.ToString(), $"DROP TYPE {_sql.Name(aside)}");
    }

    /// <summary>Converts the columns that stay and use a re-created enum (or an array of it) to the new type.</summary>
    private async Task ConvertEnumColumnsAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, (live, desired)) in _recreatedEnums)
        {
            var typeName = _sql.Name(name);
            var removed = live.Labels.Except(desired.Labels).ToArray();
            foreach (var table in _live.Tables.Values)
            {
                var desiredTable = _desired.Tables.GetValueOrDefault(table.Name);
                foreach (var column in table.Columns.Where(c => c.DataType == typeName || c.DataType == typeName + "[]"))
                {
                    var desiredColumn = desiredTable?.FindColumn(column.Name);
                    if (desiredColumn is null || NeedsRecreate(column, desiredColumn))
                    {
                        continue; // dropped before the conversion
                    }

                    var isArray = column.DataType.EndsWith("[]", StringComparison.Ordinal);
                    var target = $"{table.Name}.{column.Name}";
                    if (removed.Length > 0 && await _data.HasAnyValueAsync(
                            _renames.OriginalTable(table.Name), _renames.OriginalColumn(table.Name, column.Name), removed, isArray, cancellationToken))
                    {
                        _plan.Problem($"Enum {name}: the model removes {string.Join(", ", removed)}, but column {target} still has rows " +
                                      "with such a value. Update those rows first (push never changes them for you).");
                        continue;
                    }

                    var alter = $"ALTER TABLE {_sql.Name(table.Name)} ALTER COLUMN {_sql.Id(column.Name)} ";
                    if (column.Default is not null)
                    {
                        _plan.Add(PushStepKind.AlterColumn, target, alter + "DROP DEFAULT");
                    }

                    _plan.Add(PushStepKind.AlterColumn, target,
                        alter + $"TYPE {column.DataType} USING {_sql.Id(column.Name)}::text{(isArray ? "[]" : "")}::{column.DataType}");
                    if (column.Default is not null && desiredColumn.Default is not null)
                    {
                        _plan.Add(PushStepKind.AlterColumn, target,
                            alter + "SET DEFAULT " + _sql.Default(desiredColumn, DesiredOwnedSequence(table.Name, column.Name)));
                    }
                }
            }
        }
    }

    /// <summary>True when a definition names a re-created enum (a literal cast to it, say): it must be re-created too.</summary>
    private bool NamesRecreatedEnum(string definition)
        => _recreatedEnums.Keys.Any(name => definition.Contains(_sql.Name(name), StringComparison.Ordinal));
}
