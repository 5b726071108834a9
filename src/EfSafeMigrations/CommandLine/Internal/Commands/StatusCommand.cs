using System.Globalization;
using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using EfSafeMigrations.CommandLine.Internal.Rendering;
using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>status</c>: per migration applied, pending or failed, with timing from the journal.</summary>
internal sealed class StatusCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["status"],
        "Show applied, pending and failed migrations, with timings from the journal.",
        "Lists every migration of the context with its state: applied (in the history table), pending, or failed /\n" +
        "partial (a run stopped in it; the next 'migrate' resumes after its completed steps). Applied migrations show\n" +
        "how long they took and when they finished, from the journal table MigrateSafelyAsync keeps. Migrations the\n" +
        "database has applied but the app does not contain are listed as unknown (a deployment of older code?).\n" +
        "Post-deployment migrations not applied yet are listed as deferred: they wait for 'migrate --post-deployment'\n" +
        "after the rollout (and do not count as pending); open expansions (expanded, contract not applied) follow.",
        [new("fail-on-pending", null, "Exit with code 10 (pending-migrations) when a migration is pending or failed: a CI gate.")],
        []);

    public bool NeedsDatabase => true;

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, server) = invocation;
        var known = context.Database.GetMigrations().ToList();
        var exists = server != ServerState.DatabaseMissing;
        var applied = exists ? (await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList() : [];
        var journal = exists ? await JournalStatusReader.ReadAsync(context, cancellationToken).ConfigureAwait(false) : new Dictionary<string, JournalStatus>();
        var appliedSet = applied.ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Where(id => !known.Contains(id, StringComparer.Ordinal)).ToList();
        var postDeployment = PostDeploymentStatusReader.Of(context, applied);
        var deferred = postDeployment.Waiting.ToHashSet(StringComparer.Ordinal);

        output.Heading($"Migrations of {context.GetType().Name} ({ServerConnection.Target(context)})");
        if (!exists)
        {
            output.Line("  The database does not exist yet: every migration is pending ('migrate' creates it).", Style.Warning);
        }

        var rows = new JsonArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var width = known.Concat(unknown).Select(id => id.Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var id in known.Concat(unknown))
        {
            journal.TryGetValue(id, out var entry);
            var state = StateOf(id, appliedSet.Contains(id), unknown.Contains(id, StringComparer.Ordinal), entry);
            state = state == "pending" && deferred.Contains(id) ? "deferred" : state;
            counts[state] = counts.GetValueOrDefault(state) + 1;
            var detail = Detail(state, entry);
            output.Line(("  " + state.PadRight(9), StyleOf(state)), (detail.Length == 0 ? id : id.PadRight(width), Style.Plain), (detail, Style.Dim));
            rows.Add(new JsonObject
            {
                ["id"] = id,
                ["state"] = state,
                ["journalStatus"] = entry?.Status,
                ["phase"] = entry?.Phase,
                ["durationMs"] = entry?.DurationMs,
                ["startedAt"] = entry?.StartedAt?.ToString("O", CultureInfo.InvariantCulture),
                ["finishedAt"] = entry?.FinishedAt?.ToString("O", CultureInfo.InvariantCulture),
                ["stepsCompleted"] = entry?.StepsCompleted,
                ["stepsTotal"] = entry?.StepsTotal,
                ["error"] = entry is { Status: "failed" or "partial" or "running" } ? entry.Error : null,
            });
        }

        if (known.Count == 0 && unknown.Count == 0)
        {
            output.Line("  The context has no migrations. Add one with 'dotnet ef migrations add <Name>'.", Style.Dim);
        }

        var pending = counts.GetValueOrDefault("pending");
        var failed = counts.GetValueOrDefault("failed") + counts.GetValueOrDefault("partial") + counts.GetValueOrDefault("running");
        WriteOpenExpansions(output, postDeployment);
        output.Line();
        output.Line($"{counts.GetValueOrDefault("applied")} applied, {pending} pending" +
                    (deferred.Count > 0 ? $", {deferred.Count} deferred to post-deployment ('migrate --post-deployment' once the rollout has finished)" : string.Empty) +
                    (failed > 0 ? $", {failed} failed (the next 'migrate' resumes them)" : string.Empty) +
                    (unknown.Count > 0 ? $", {unknown.Count} unknown to this app" : string.Empty) + ".",
            failed > 0 ? Style.Bad : pending > 0 ? Style.Warning : Style.Good);

        output.Document["databaseExists"] = exists;
        output.Document["migrations"] = rows;
        output.Document["applied"] = counts.GetValueOrDefault("applied");
        output.Document["pending"] = pending;
        output.Document["failed"] = failed;
        output.Document["unknown"] = unknown.Count;
        output.Document["deferred"] = new JsonArray([.. postDeployment.Waiting.Select(id => (JsonNode)id)]);
        return pending + failed > 0 && arguments.Has("fail-on-pending") ? SafeMigrationsExitCode.PendingMigrations : SafeMigrationsExitCode.Success;
    }

    private static void WriteOpenExpansions(CommandOutput output, PostDeploymentStatus status)
    {
        if (status.OpenExpansions.Count > 0)
        {
            output.Line();
            output.Line("Open expansions (expanded; the contract, a post-deployment migration, is not applied):", Style.Bold);
            foreach (var open in status.OpenExpansions)
            {
                output.Line(("  " + open.Description, Style.Warning), ($"  (expanded by {open.MigrationId})", Style.Dim));
            }
        }

        output.Document["openExpansions"] = new JsonArray([.. status.OpenExpansions.Select(o => (JsonNode)new JsonObject
        {
            ["migration"] = o.MigrationId,
            ["description"] = o.Description,
        })]);
    }

    private static string StateOf(string id, bool applied, bool unknown, JournalStatus? entry)
        => unknown ? "unknown"
            : applied ? "applied"
            : entry?.Status switch
            {
                "failed" => "failed",
                "partial" => "partial",
                "running" => "running",
                _ => "pending",
            };

    private static Style StyleOf(string state) => state switch
    {
        "applied" => Style.Good,
        "pending" or "deferred" => Style.Warning,
        _ => Style.Bad,
    };

    private static string Detail(string state, JournalStatus? entry) => state switch
    {
        "unknown" => "(applied to the database, not in this app)",
        "deferred" => "(post-deployment: waits for 'migrate --post-deployment')",
        "applied" when entry is { DurationMs: { } ms } =>
            $"{Durations.Human(TimeSpan.FromMilliseconds(ms)),9}  {entry.FinishedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}"
            + (entry.Status == "baseline" ? "  (baseline)" : string.Empty),
        "failed" or "partial" or "running" when entry is not null =>
            $"{entry.StepsCompleted} of {entry.StepsTotal} steps completed" + (entry.Error is null ? string.Empty : ": " + Sql.OneLine(entry.Error, 100)),
        _ => string.Empty,
    };
}
