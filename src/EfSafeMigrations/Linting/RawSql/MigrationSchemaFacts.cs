using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>
/// What the statements of one migration have done so far to tables that existed before it: columns added, and
/// <c>CHECK (column IS NOT NULL)</c> constraints added and validated. Later statements are judged against it:
/// <c>SET NOT NULL</c> after a validated NOT NULL check is the safe sequence itself (PostgreSQL 12+ proves the
/// column from the check and skips its scan); a column added earlier in the migration is read by no running code.
/// Names are compared as PostgreSQL resolves them, without the schema (as <see cref="RawSqlScanState.NewTables"/>).
/// </summary>
internal sealed class MigrationSchemaFacts
{
    private readonly Dictionary<string, string> _notNullChecks = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _validatedNotNullChecks = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, int> _validatedChecksPerColumn = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, SqlColumnType?> _addedColumns = new(System.StringComparer.Ordinal);

    /// <summary>A <c>CHECK (column IS NOT NULL)</c> named <paramref name="constraint"/>, valid at once unless NOT VALID.</summary>
    public void NotNullCheckAdded(string constraint, string table, string column, bool validated)
    {
        ConstraintDropped(constraint);
        _notNullChecks[constraint] = Key(table, column);
        if (validated)
        {
            ConstraintValidated(constraint);
        }
    }

    public void ConstraintValidated(string constraint)
    {
        if (_notNullChecks.TryGetValue(constraint, out var column) && _validatedNotNullChecks.Add(constraint))
        {
            _validatedChecksPerColumn[column] = _validatedChecksPerColumn.TryGetValue(column, out var count) ? count + 1 : 1;
        }
    }

    public void ConstraintDropped(string constraint)
    {
        if (_notNullChecks.TryGetValue(constraint, out var column) && _validatedNotNullChecks.Remove(constraint))
        {
            _validatedChecksPerColumn[column]--;
        }

        _notNullChecks.Remove(constraint);
    }

    /// <summary>The target server's major version when known: before 12, SET NOT NULL scans even after a valid check.</summary>
    public int? PostgresVersion { get; set; }

    /// <summary>Whether a validated check still in place proves the column holds no NULL (PostgreSQL 12+).</summary>
    public bool ProvesNotNull(string table, string column)
        => PostgresVersion is not < 12
           && _validatedChecksPerColumn.TryGetValue(Key(table, column), out var count) && count > 0;

    /// <summary>A column added by this migration, with its type when the statement says it.</summary>
    public void ColumnAdded(string table, string column, SqlColumnType? type = null) => _addedColumns[Key(table, column)] = type;

    public void ColumnDropped(string table, string column) => _addedColumns.Remove(Key(table, column));

    /// <summary>Whether the column was added earlier in this migration (no deployed code reads it yet).</summary>
    public bool IsAddedColumn(string table, string column) => _addedColumns.ContainsKey(Key(table, column));

    /// <summary>The type of a column added earlier in this migration (so a later type change knows what it changes from).</summary>
    public SqlColumnType? AddedColumnType(string table, string column)
        => _addedColumns.TryGetValue(Key(table, column), out var type) ? type : null;

    private static string Key(string table, string column) => table + "\u0001" + column;
}
