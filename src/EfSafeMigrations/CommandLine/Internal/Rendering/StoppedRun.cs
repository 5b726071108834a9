using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Rendering;

/// <summary>
/// What <c>migrate</c> prints when it is stopped (Ctrl+C, SIGTERM, the caller's token): the migrations it completed, and
/// where the migration it was running stands according to the journal (read after the stop, so it is what the next
/// run resumes from), with the command that resumes it.
/// </summary>
internal static class StoppedRun
{
    private static readonly TimeSpan JournalReadTimeout = TimeSpan.FromSeconds(5);

    public static async Task WriteAsync(CommandOutput output, DbContext context, MigrationProgress progress)
    {
        output.Heading($"Stopped: {progress.Completed.Count} migration(s) completed before the stop");
        foreach (var id in progress.Completed)
        {
            output.Line(("  done     ", Style.Good), (id, Style.Plain));
        }

        output.Document["applied"] = new JsonArray([.. progress.Completed.Select(id => (JsonNode)id)]);
        if (progress.Running is not { } running)
        {
            output.Line("Nothing was in progress. Run 'migrate' again to apply the rest.");
            return;
        }

        var row = await ReadJournalAsync(context, running).ConfigureAwait(false);
        var where = row switch
        {
            null => "the journal shows no progress for it; run 'status' to see where it stands",
            { StepsCompleted: 0 } => $"no step completed (journal: {row.Status}); the next 'migrate' starts it again",
            _ => $"{row.StepsCompleted} of {row.StepsTotal} steps completed and kept (journal: {row.Status}); " +
                 $"the next 'migrate' resumes it after step {row.StepsCompleted}",
        };
        output.Line(("  stopped  ", Style.Bad), (running, Style.Plain), ($"  {where}", Style.Dim));
        output.Line("Run 'migrate' again to resume.");
        output.Document["stopped"] = new JsonObject
        {
            ["id"] = running,
            ["status"] = row?.Status,
            ["stepsCompleted"] = row?.StepsCompleted,
            ["stepsTotal"] = row?.StepsTotal,
        };
    }

    /// <summary>Best effort and short: a stop must not hang on a server that went away.</summary>
    private static async Task<JournalStatus?> ReadJournalAsync(DbContext context, string id)
    {
        using var timeout = new CancellationTokenSource(JournalReadTimeout);
        try
        {
            return (await JournalStatusReader.ReadAsync(context, timeout.Token).ConfigureAwait(false)).GetValueOrDefault(id);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            return null;
        }
    }
}
