namespace EfSafeMigrations.DataPreflight.Internal;

/// <summary>How a probe's rows are found.</summary>
internal enum DataProbeKind
{
    /// <summary>Rows matching <see cref="DataProbe.Condition"/> break the step; sample keys are the table's key.</summary>
    Rows,

    /// <summary>Groups of rows sharing <see cref="DataProbe.Columns"/> (with no NULL among them) break the step.</summary>
    DuplicateGroups,

    /// <summary>The catalog has no automatic (assignment) conversion from <see cref="DataProbe.FromType"/> to <see cref="DataProbe.ToType"/>.</summary>
    Conversion,
}

/// <summary>
/// One question the data preflight asks the live table before a step can run: which rows would make it fail.
/// <see cref="Condition"/> is SQL over the table aliased <c>t0</c>.
/// </summary>
/// <param name="MigrationId">The migration whose step it is.</param>
/// <param name="Code">A stable problem code (DataPreflightCodes).</param>
/// <param name="Schema">The table's schema (null: the search path's).</param>
/// <param name="Table">The table.</param>
/// <param name="Columns">Columns that must exist before the run for the probe to mean anything (and, for duplicates, the grouping).</param>
/// <param name="Kind">Rows or duplicate groups.</param>
/// <param name="Condition">The rows that break the step (Rows), or an extra filter (DuplicateGroups, may be empty).</param>
/// <param name="Step">The step, in words ("AlterColumn People.Name to NOT NULL").</param>
/// <param name="Failure">What the found rows do, in words ("hold NULL").</param>
/// <param name="Fix">The way out.</param>
internal sealed record DataProbe(
    string MigrationId,
    string Code,
    string? Schema,
    string Table,
    IReadOnlyList<string> Columns,
    DataProbeKind Kind,
    string Condition,
    string Step,
    string Failure,
    string Fix)
{
    /// <summary>An earlier step of the run changes this table's rows (raw SQL): the probe sees data the step will not.</summary>
    public bool DataChangedEarlier { get; init; }

    /// <summary>For <see cref="DataProbeKind.DuplicateGroups"/>: what each column will hold (a fill of NULLs applied), as SQL.</summary>
    public IReadOnlyList<string>? GroupExpressions { get; init; }

    /// <summary>For <see cref="DataProbeKind.Conversion"/>: the column's type before the step.</summary>
    public string? FromType { get; init; }

    /// <summary>For <see cref="DataProbeKind.Conversion"/>: the column's type after the step.</summary>
    public string? ToType { get; init; }
}

/// <summary>The problem codes of the data preflight.</summary>
internal static class DataPreflightCodes
{
    public const string CheckName = "data";
    public const string Nulls = "DATA_NULLS";
    public const string RowsForRequiredColumn = "DATA_ROWS_FOR_REQUIRED_COLUMN";
    public const string Duplicates = "DATA_DUPLICATES";
    public const string CheckViolations = "DATA_CHECK_VIOLATIONS";
    public const string ForeignKeyOrphans = "DATA_FOREIGN_KEY_ORPHANS";
    public const string ValuesDoNotFit = "DATA_VALUES_DO_NOT_FIT";
    public const string NoAutomaticConversion = "DATA_NO_AUTOMATIC_CONVERSION";
    public const string NotChecked = "DATA_NOT_CHECKED";
    public const string Summary = "DATA_PREFLIGHT";
}
