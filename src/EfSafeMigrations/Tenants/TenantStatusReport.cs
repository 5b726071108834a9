using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EfSafeMigrations.Tenants;

/// <summary>Where one target stands.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Location">Host, port, database and schema (no credentials).</param>
/// <param name="Applied">Migrations in its history.</param>
/// <param name="Pending">Migrations it has not applied (it is behind when there are any).</param>
/// <param name="Drift">With the check: its outcome (<see cref="CheckOutcome.Clean"/> when nothing drifted); null without it.</param>
/// <param name="Error">Why it could not be read (unreachable, no access), passwords redacted.</param>
public sealed record TenantStatus(
    string Name, string Location, int Applied, IReadOnlyList<string> Pending, CheckOutcome? Drift = null, string? Error = null)
{
    /// <summary>Post-deployment migrations it has not applied: they wait for <c>tenants migrate --post-deployment</c> (not in <see cref="Pending"/>).</summary>
    public IReadOnlyList<string> AwaitingPostDeployment { get; init; } = [];
}

/// <summary>Status (and optionally the drift check) of every target: which tenants are behind, which drift.</summary>
public sealed class TenantStatusReport
{
    internal TenantStatusReport(IReadOnlyList<TenantStatus> targets) => Targets = targets;

    /// <summary>One entry per target, in the order given.</summary>
    public IReadOnlyList<TenantStatus> Targets { get; }

    /// <summary>Targets with pending migrations.</summary>
    public IEnumerable<TenantStatus> Behind => Targets.Where(t => t.Error is null && t.Pending.Count > 0);

    /// <summary>Targets whose check found something other than a clean state.</summary>
    public IEnumerable<TenantStatus> Drifted => Targets.Where(IsDrifted);

    /// <summary>Targets that could not be read.</summary>
    public IEnumerable<TenantStatus> Unreadable => Targets.Where(t => t.Error is not null);

    /// <summary>
    /// <see cref="SafeMigrationsExitCode.TargetsFailed"/> when a target could not be read, else
    /// <see cref="SafeMigrationsExitCode.DriftDetected"/> when one drifted, else
    /// <see cref="SafeMigrationsExitCode.PendingMigrations"/> when one is behind, else 0.
    /// </summary>
    public int ExitCode => (int)(Unreadable.Any() ? SafeMigrationsExitCode.TargetsFailed
        : Drifted.Any() ? SafeMigrationsExitCode.DriftDetected
        : Behind.Any() ? SafeMigrationsExitCode.PendingMigrations
        : SafeMigrationsExitCode.Success);

    /// <summary>A plain-text table, one line per target, then the counts.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        var nameWidth = Math.Max(6, Targets.Select(t => t.Name.Length).DefaultIfEmpty(0).Max());
        var whereWidth = Math.Max(8, Targets.Select(t => t.Location.Length).DefaultIfEmpty(0).Max());
        text.AppendLine(CultureInfo.InvariantCulture, $"{"target".PadRight(nameWidth)}  {"location".PadRight(whereWidth)}  {"applied",7}  {"pending",7}  state");
        foreach (var t in Targets)
        {
            var state = t.Error is not null ? "unreadable: " + t.Error.ReplaceLineEndings(" ")
                : IsDrifted(t) ? "drift: " + t.Drift
                : t.Pending.Count > 0 ? "behind" : "up to date";
            if (t.Error is null && t.AwaitingPostDeployment.Count > 0)
            {
                state += $", {t.AwaitingPostDeployment.Count} post-deployment waiting";
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"{t.Name.PadRight(nameWidth)}  {t.Location.PadRight(whereWidth)}  {t.Applied,7}  {t.Pending.Count,7}  {state}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Targets.Count} targets: {Behind.Count()} behind, {Drifted.Count()} drifted, {Unreadable.Count()} unreadable.");
        return text.ToString();
    }

    // Pending migrations are the "behind" column, not drift.
    private static bool IsDrifted(TenantStatus target)
        => target.Error is null && target.Drift is { } outcome && (outcome & ~CheckOutcome.PendingMigrations) != CheckOutcome.Clean;

    /// <summary>One JSON document with every target and the exit code.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        exitCode = ExitCode,
        behind = Behind.Count(),
        drifted = Drifted.Count(),
        unreadable = Unreadable.Count(),
        targets = Targets.Select(t => new
        {
            name = t.Name, location = t.Location, applied = t.Applied, pending = t.Pending, postDeployment = t.AwaitingPostDeployment,
            drift = t.Drift?.ToString(), error = t.Error,
        }),
    }, new JsonSerializerOptions { WriteIndented = true });
}
