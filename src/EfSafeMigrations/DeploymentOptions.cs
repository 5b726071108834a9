namespace EfSafeMigrations;

/// <summary>
/// How the deployment paths other than <c>MigrateSafelyAsync</c> behave (docs/deployment.md): <c>Database.Migrate()</c>,
/// <c>dotnet ef database update</c> and migration bundles, which all call EF's migrator.
/// </summary>
public sealed class DeploymentOptions
{
    /// <summary>
    /// Whether <c>Database.Migrate()</c>/<c>MigrateAsync()</c> (and so <c>dotnet ef database update</c> and <c>efbundle</c>)
    /// apply through the same safe runner as <c>MigrateSafelyAsync</c>: advisory lock, preflight checks, journal, retries,
    /// resume, hooks. Default: <see langword="true"/>. <see langword="false"/> keeps EF's own migrator (with the rewritten SQL,
    /// one transaction per migration, no journal). Routed, a call while the context has a transaction open is refused before
    /// anything runs (the safe runner works outside transactions).
    /// </summary>
    public bool RouteMigrate { get; set; } = true;
}
