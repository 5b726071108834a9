using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>status</c>: which migrations are applied and which are pending.</summary>
internal sealed class StatusCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["status"],
        "Show applied and pending migrations.",
        "Lists every migration of the context with its state: applied (in the history table) or pending.\n" +
        "Migrations the database has applied but the app does not contain are listed too (a deployment of older code?).",
        [new("fail-on-pending", null, "Exit with code 10 (pending-migrations) when a migration is pending: a CI gate.")],
        []);

    public bool NeedsDatabase => true;

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, server) = invocation;
        var known = context.Database.GetMigrations().ToList();
        var applied = server == ServerState.DatabaseMissing
            ? []
            : (await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        var appliedSet = applied.ToHashSet(StringComparer.Ordinal);
        var pending = known.Where(id => !appliedSet.Contains(id)).ToList();
        var unknown = applied.Where(id => !known.Contains(id, StringComparer.Ordinal)).ToList();

        output.Heading($"Migrations of {context.GetType().Name} ({ServerConnection.Target(context)})");
        if (server == ServerState.DatabaseMissing)
        {
            output.Line("  The database does not exist yet: every migration is pending ('migrate' creates it).", Style.Warning);
        }

        var rows = new JsonArray();
        foreach (var id in known.Concat(unknown))
        {
            var state = unknown.Contains(id, StringComparer.Ordinal) ? "unknown" : appliedSet.Contains(id) ? "applied" : "pending";
            var style = state switch { "applied" => Style.Good, "pending" => Style.Warning, _ => Style.Bad };
            output.Line(("  " + state.PadRight(9), style), (id, Style.Plain),
                (state == "unknown" ? "  (applied to the database, not in this app)" : string.Empty, Style.Dim));
            rows.Add(new JsonObject { ["id"] = id, ["state"] = state });
        }

        if (known.Count == 0 && unknown.Count == 0)
        {
            output.Line("  The context has no migrations. Add one with 'dotnet ef migrations add <Name>'.", Style.Dim);
        }

        output.Line();
        output.Line($"{applied.Count - unknown.Count} applied, {pending.Count} pending" + (unknown.Count > 0 ? $", {unknown.Count} unknown to this app." : "."),
            pending.Count > 0 ? Style.Warning : Style.Good);

        output.Document["databaseExists"] = server != ServerState.DatabaseMissing;
        output.Document["migrations"] = rows;
        output.Document["applied"] = applied.Count - unknown.Count;
        output.Document["pending"] = pending.Count;
        output.Document["unknown"] = unknown.Count;
        return pending.Count > 0 && arguments.Has("fail-on-pending") ? SafeMigrationsExitCode.PendingMigrations : SafeMigrationsExitCode.Success;
    }
}
