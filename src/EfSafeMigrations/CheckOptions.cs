namespace EfSafeMigrations;

/// <summary>Which parts <c>CheckAsync</c> runs. All are on by default.</summary>
public sealed class CheckOptions
{
    /// <summary>Verify the journal file and the database journal against the compiled migrations.</summary>
    public bool Journal { get; set; } = true;

    /// <summary>Look for model changes that no migration captures (model vs snapshot).</summary>
    public bool PendingModelChanges { get; set; } = true;

    /// <summary>
    /// Compare the live database with the model (skipped while migrations are pending): with the push engine's
    /// full comparison when a shadow database can be made, else tables and columns. Differences the migrations
    /// themselves build (replayed in a second shadow database) are information, not drift.
    /// </summary>
    public bool Drift { get; set; } = true;

    /// <summary>
    /// Where drift detection may build the model's schema in a throwaway database (a server of the same
    /// PostgreSQL major version, a role with CREATEDB). Null: the checked database's server and credentials.
    /// Without one, drift compares tables and columns only.
    /// </summary>
    public string? ShadowConnectionString { get; set; }

    /// <summary>Report migrations not applied to the database.</summary>
    public bool PendingMigrations { get; set; } = true;

    /// <summary>Whether pending migrations fail the check (for a deployed database) or are only reported (for CI before deploying).</summary>
    public bool PendingMigrationsAreErrors { get; set; } = true;
}
