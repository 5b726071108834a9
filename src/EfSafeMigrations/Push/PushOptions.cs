namespace EfSafeMigrations;

/// <summary>
/// What <c>PushAsync</c> may do. The defaults never lose data, never prompt and refuse a database that
/// migrations manage; everything riskier is an explicit, named opt-in so that CI can run push unattended.
/// </summary>
public sealed class PushOptions
{
    /// <summary>Plan only: return the plan (with its refusals) and execute nothing.</summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// Objects whose data push may lose, one entry per object, exactly as a refusal names them:
    /// <c>table public.legacy</c> (drop table), <c>column public.users.nickname</c> (drop column, a type change
    /// that may lose data, or a NOT NULL column added to or required on a table whose rows have no value).
    /// The schema may be left out for the model's default schema. There is no wildcard on purpose.
    /// </summary>
    public ISet<string> AllowDataLoss { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Rename hints, so that a rename keeps its data instead of becoming drop + create:
    /// <c>table public.old_name -> new_name</c> (or <c>-> other_schema.new_name</c> to move it) and
    /// <c>column public.users.old_name -> new_name</c> (the table named by its model name). A hint that is already
    /// applied is skipped, so the same options can run again.
    /// </summary>
    public IList<string> Renames { get; } = [];

    /// <summary>
    /// Push to a database whose migrations history table has rows. Off by default: push is for development
    /// databases that migrations do not manage, and mixing the two loses track of what was applied.
    /// </summary>
    public bool AllowMigrationHistory { get; set; }

    /// <summary>
    /// Connection string to a PostgreSQL server (same major version as the target) where push may create and
    /// drop a throwaway shadow database: its role needs <c>CREATEDB</c>. The database it names is only used to
    /// connect. When unset, push uses the target database's own connection, which then needs <c>CREATEDB</c>.
    /// </summary>
    public string? ShadowConnectionString { get; set; }

    /// <summary><c>lock_timeout</c> for every statement push runs; a step that times out is retried.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>statement_timeout</c> for every statement push runs; zero means none.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a phase that failed on a lock timeout is retried (with backoff) before push gives up.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Build indexes on existing tables with <c>CREATE INDEX CONCURRENTLY</c>, after the transaction that holds
    /// the other changes (indexes on tables push creates are built inside it: they are empty).
    /// </summary>
    public bool ConcurrentIndexes { get; set; } = true;

    /// <summary>Adds the hint <c>table <paramref name="oldName"/> -> <paramref name="newName"/></c>.</summary>
    /// <param name="oldName">The table's current name, optionally schema-qualified.</param>
    /// <param name="newName">The table's name in the model, optionally schema-qualified.</param>
    /// <returns>These options, for chaining.</returns>
    public PushOptions RenameTable(string oldName, string newName)
    {
        Renames.Add($"table {oldName} -> {newName}");
        return this;
    }

    /// <summary>Adds the hint <c>column <paramref name="table"/>.<paramref name="oldName"/> -> <paramref name="newName"/></c>.</summary>
    /// <param name="table">The table, by its model name, optionally schema-qualified.</param>
    /// <param name="oldName">The column's current name.</param>
    /// <param name="newName">The column's name in the model.</param>
    /// <returns>These options, for chaining.</returns>
    public PushOptions RenameColumn(string table, string oldName, string newName)
    {
        Renames.Add($"column {table}.{oldName} -> {newName}");
        return this;
    }
}
