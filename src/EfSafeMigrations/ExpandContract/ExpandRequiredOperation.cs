namespace EfSafeMigrations;

/// <summary>
/// Makes a nullable column required without downtime, in place: the expand installs a trigger that writes <see cref="Fill"/>
/// where a write (from the old version of the application, which still treats the column as optional) leaves it NULL, and
/// backfills the NULL rows in batches. The contract validates a <c>CHECK (c IS NOT NULL)</c> without blocking writes, sets
/// NOT NULL over it and drops the trigger. Written with <c>migrationBuilder.ExpandRequired</c> and its other forms.
/// </summary>
public sealed class ExpandRequiredOperation : ExpansionOperation
{
    /// <summary>The column.</summary>
    public string Name { get; set; } = null!;

    /// <summary>The value for NULLs: a SQL expression without column references, for example <c>'unknown'</c> or <c>now()</c>.</summary>
    public string Fill { get; set; } = null!;

    /// <summary>Rows per backfill batch.</summary>
    public int BatchSize { get; set; } = BackfillDefaults.BatchSize;

    /// <inheritdoc />
    public override string Describe() => $"make column {Qualified(Table)}.{Name} required";
}
