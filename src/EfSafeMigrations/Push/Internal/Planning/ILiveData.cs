using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// The few questions about data (not schema) the planner asks, always by the names the live database has now.
/// Only asked where the answer decides whether a step loses data.
/// </summary>
internal interface ILiveData
{
    Task<bool> HasRowsAsync(QualifiedName table, CancellationToken cancellationToken);

    Task<bool> HasNullsAsync(QualifiedName table, string column, CancellationToken cancellationToken);

    /// <summary>Whether any row has one of <paramref name="labels"/> (compared as text; any element for an array column).</summary>
    Task<bool> HasAnyValueAsync(QualifiedName table, string column, string[] labels, bool isArray, CancellationToken cancellationToken);
}

/// <summary>
/// The value existing rows get when a column becomes NOT NULL without a default, as a SQL literal: the CLR
/// default of the property, as EF's own migrations use. Null when the model has no sensible one.
/// </summary>
internal interface IFillValues
{
    string? Literal(QualifiedName table, string column);
}
