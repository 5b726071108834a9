using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EfSafeMigrations.Tenants;

/// <summary>What happened to one target.</summary>
public enum TenantOutcome
{
    /// <summary>Migrations were applied (or reverted).</summary>
    Applied,

    /// <summary>Nothing was pending.</summary>
    UpToDate,

    /// <summary>The run failed: unreachable, refused by a gate, or a statement failed (see the error and resumable state).</summary>
    Failed,

    /// <summary>Not started: the failure policy stopped the run first (a canary failed, or too many targets failed).</summary>
    NotRun,
}

/// <summary>The result for one target. Carries no credentials.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Location">Host, port, database and schema (no user, no password).</param>
/// <param name="Outcome">What happened.</param>
/// <param name="AppliedMigrations">Migrations applied or reverted in this run.</param>
/// <param name="Duration">How long its run took.</param>
/// <param name="Error">Why it failed, passwords redacted.</param>
/// <param name="FailedMigration">The migration it stopped in, when it got that far.</param>
/// <param name="ResumableState">Where the target stands after a failure, for the next run.</param>
/// <param name="Canary">Whether it ran in the canary phase.</param>
public sealed record TenantResult(
    string Name, string Location, TenantOutcome Outcome, IReadOnlyList<string> AppliedMigrations, TimeSpan Duration,
    string? Error = null, string? FailedMigration = null, string? ResumableState = null, bool Canary = false)
{
    /// <summary>The target's own report when its run got as far as planning (null when it was not run or unreachable).</summary>
    [JsonIgnore]
    public SafeMigrationReport? Report { get; init; }
}

/// <summary>The per-target results of a run over many databases, as a table, JSON and an exit code.</summary>
public sealed class TenantMigrationReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    internal TenantMigrationReport(IReadOnlyList<TenantResult> results, TimeSpan duration, string? stoppedBecause)
        => (Results, Duration, StoppedBecause) = (results, duration, stoppedBecause);

    /// <summary>One result per target, in the order the targets were given.</summary>
    public IReadOnlyList<TenantResult> Results { get; }

    /// <summary>The whole run.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Why targets were left not run (the failure policy), or null.</summary>
    public string? StoppedBecause { get; }

    /// <summary>How many times the lint gate linted: targets with the same pending migrations and starting tables share one.</summary>
    public int LintRuns { get; internal init; }

    /// <summary>How many targets' lint gates reused an earlier target's lint.</summary>
    public int LintReuses { get; internal init; }

    /// <summary>Whether every target is applied or up to date.</summary>
    public bool Success => Results.All(r => r.Outcome is TenantOutcome.Applied or TenantOutcome.UpToDate);

    /// <summary>0 when every target succeeded, else <see cref="SafeMigrationsExitCode.TargetsFailed"/>.</summary>
    public int ExitCode => Success ? (int)SafeMigrationsExitCode.Success : (int)SafeMigrationsExitCode.TargetsFailed;

    /// <summary>How many targets had <paramref name="outcome"/>.</summary>
    public int Count(TenantOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    /// <summary>A plain-text table: one line per target, then the counts.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        var nameWidth = Math.Max(6, Results.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        var whereWidth = Math.Max(8, Results.Select(r => r.Location.Length).DefaultIfEmpty(0).Max());
        text.AppendLine(CultureInfo.InvariantCulture, $"{"target".PadRight(nameWidth)}  {"location".PadRight(whereWidth)}  {"outcome",-9}  {"applied",7}  {"time",8}  detail");
        foreach (var r in Results)
        {
            var detail = r.Outcome == TenantOutcome.Failed ? $"{r.Error}{(r.ResumableState is null ? "" : " | " + r.ResumableState)}" : r.Canary ? "canary" : "";
            if (r.Report?.DeferredMigrations.Count is > 0 and var deferred)
            {
                detail = (detail.Length == 0 ? "" : detail + " | ") + $"{deferred} post-deployment deferred (tenants migrate --post-deployment)";
            }

            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Name.PadRight(nameWidth)}  {r.Location.PadRight(whereWidth)}  {Word(r.Outcome),-9}  {r.AppliedMigrations.Count,7}  {CommandLine.Internal.Rendering.Durations.Human(r.Duration),8}  {OneLine(detail)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Results.Count} targets: {Count(TenantOutcome.Applied)} applied, {Count(TenantOutcome.UpToDate)} up to date, " +
            $"{Count(TenantOutcome.Failed)} failed, {Count(TenantOutcome.NotRun)} not run, in {CommandLine.Internal.Rendering.Durations.Human(Duration)}; " +
            $"lint gate: {LintRuns} lint(s), reused {LintReuses} time(s).");
        if (StoppedBecause is not null)
        {
            text.AppendLine("Stopped: " + StoppedBecause);
        }

        return text.ToString();
    }

    /// <summary>One JSON document: the results (no credentials, no per-statement detail), counts and the exit code.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        success = Success,
        exitCode = ExitCode,
        durationMs = (long)Duration.TotalMilliseconds,
        stoppedBecause = StoppedBecause,
        lintRuns = LintRuns,
        lintReuses = LintReuses,
        counts = Enum.GetValues<TenantOutcome>().ToDictionary(o => Word(o), Count),
        targets = Results.Select(r => new
        {
            r.Name, r.Location, outcome = Word(r.Outcome), r.AppliedMigrations, durationMs = (long)r.Duration.TotalMilliseconds,
            r.Error, r.FailedMigration, r.ResumableState, r.Canary,
            deferred = r.Report?.DeferredMigrations ?? [],
        }),
    }, Json);

    private static string Word(TenantOutcome outcome) => outcome switch
    {
        TenantOutcome.UpToDate => "up-to-date",
        TenantOutcome.NotRun => "not-run",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
