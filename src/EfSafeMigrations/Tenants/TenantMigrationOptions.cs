namespace EfSafeMigrations.Tenants;

/// <summary>How a run over many tenant databases schedules its targets and reacts to failures.</summary>
public sealed class TenantMigrationOptions
{
    /// <summary>Targets migrated at the same time, overall (default 4).</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>
    /// Targets migrated at the same time on one server (host and port; default 2): index builds and fills of many
    /// tenants at once compete for the same disks and CPUs.
    /// </summary>
    public int MaxParallelismPerServer { get; set; } = 2;

    /// <summary>
    /// Stop starting targets once this many have failed (default: never, every target is tried). Targets not started
    /// are reported as not run.
    /// </summary>
    public int? StopAfterFailures { get; set; }

    /// <summary>
    /// Names of targets migrated first, as a canary: if any of them fails, no other target is started.
    /// </summary>
    public ISet<string> CanaryTargets { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>What each target's run does (a target migration, a dry run, progress); one instance per target is made from it.</summary>
    public Func<TenantTarget, MigrateSafelyOptions>? MigrateOptions { get; set; }

    internal void Validate()
    {
        if (MaxParallelism < 1 || MaxParallelismPerServer < 1)
        {
            throw new ArgumentException(
                $"MaxParallelism ({MaxParallelism}) and MaxParallelismPerServer ({MaxParallelismPerServer}) must be at least 1.");
        }

        if (StopAfterFailures is < 1)
        {
            throw new ArgumentException($"StopAfterFailures ({StopAfterFailures}) must be at least 1, or null to try every target.");
        }
    }
}
