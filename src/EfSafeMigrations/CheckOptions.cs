namespace EfSafeMigrations;

/// <summary>Which parts <c>CheckAsync</c> runs. All are on by default.</summary>
public sealed class CheckOptions
{
    /// <summary>Verify the journal file and the database journal against the compiled migrations.</summary>
    public bool Journal { get; set; } = true;

    /// <summary>Look for model changes that no migration captures (model vs snapshot).</summary>
    public bool PendingModelChanges { get; set; } = true;

    /// <summary>Compare the live database with the model (skipped while migrations are pending).</summary>
    public bool Drift { get; set; } = true;

    /// <summary>Report migrations not applied to the database.</summary>
    public bool PendingMigrations { get; set; } = true;

    /// <summary>Whether pending migrations fail the check (for a deployed database) or are only reported (for CI before deploying).</summary>
    public bool PendingMigrationsAreErrors { get; set; } = true;
}
