namespace EfSafeMigrations;

/// <summary>
/// Renames a table without downtime: the expand renames it to <see cref="NewName"/> and creates a view under the old name
/// (with the table's grants), which PostgreSQL updates through, so the old version of the application keeps reading and
/// writing. The contract drops the view. Written with <c>migrationBuilder.ExpandRenameTable</c> and its other forms.
/// </summary>
public sealed class ExpandTableRenameOperation : ExpansionOperation
{
    /// <summary>The new name.</summary>
    public string NewName { get; set; } = null!;

    /// <inheritdoc />
    public override string Describe() => $"rename table {Qualified(Table)} to {NewName}";
}
