using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>journal repair</c>: <c>RepairJournalAsync</c>, accept intended edits in the journal file and/or the database journal.</summary>
internal sealed class JournalRepairCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["journal", "repair"],
        "Accept intended changes: rewrite the journal file and/or accept edited applied migrations in the database.",
        "With --file, rewrites the journal file (efsafe.journal.json; give the file or the migrations folder) from the\n" +
        "compiled migrations: current checksums, id order, entries for migrations added without dotnet ef, none for\n" +
        "deleted ones, a fresh chain. Run it on a developer machine, review the diff, commit it.\n" +
        "With --accept <migration-id> (repeatable), records the current checksum of that applied migration in the\n" +
        "database journal: only when the database really matches the edited migration. Name each one on purpose.",
        [
            new("file", "path", "The journal file, or the migrations folder holding it, to rewrite."),
            new("accept", "migration-id", "An applied migration whose edit is intended.", Repeatable: true),
        ],
        []);

    public bool NeedsDatabase => false; // Only --accept touches the database; it probes first.

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, _) = invocation;
        var file = arguments.Value("file");
        var accepted = arguments.Values("accept");
        if (file is null && accepted.Count == 0)
        {
            throw new UsageException("'journal repair' needs --file <path> (rewrite the journal file), --accept <migration-id> (accept an edit in " +
                                     "the database journal), or both.", Spec);
        }

        if (accepted.Count > 0)
        {
            await ServerConnection.ProbeAsync(context, cancellationToken).ConfigureAwait(false);
        }

        JournalRepairResult result;
        try
        {
            result = await context.Database.RepairJournalAsync(o =>
            {
                o.JournalFilePath = file is null ? null : Path.GetFullPath(file);
                foreach (var id in accepted)
                {
                    o.AcceptedMigrationIds.Add(id);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException refused)
        {
            output.Failure("journal-problem", refused.Message, "Check the migration id with 'status'; nothing was changed in the database.");
            return SafeMigrationsExitCode.JournalProblem;
        }

        output.Heading(result.Changes.Count == 0 ? "The journal already matches the migrations: nothing changed." : $"Journal repaired: {result.Changes.Count} change(s)");
        foreach (var change in result.Changes)
        {
            output.Line("  " + change);
        }

        if (result.FilePath is not null)
        {
            output.Line($"Review and commit {result.FilePath}.", Style.Dim);
        }

        output.Document["file"] = result.FilePath;
        output.Document["changes"] = new JsonArray([.. result.Changes.Select(c => (JsonNode)c)]);
        return SafeMigrationsExitCode.Success;
    }
}
