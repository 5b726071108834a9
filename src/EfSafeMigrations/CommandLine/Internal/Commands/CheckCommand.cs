using System.Text.Json.Nodes;
using EfSafeMigrations.Check;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Output.Ci;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>check</c>: <c>CheckAsync</c>, journal, model snapshot, model and live database against each other.</summary>
internal sealed class CheckCommand : ISafeMigrationsCommand
{
    private static readonly string[] Parts = ["journal", "model", "drift", "pending"];

    public CommandSpec Spec { get; } = new(
        ["check"],
        "Find drift between journal, migrations, model snapshot, model and database; changes nothing.",
        "Runs every check and reports each finding with its code and fix:\n" +
        "  journal   the journal file and the database journal against the compiled migrations (edited, missing,\n" +
        "            reordered or merged migrations)                                          exit 6\n" +
        "  model     model changes no migration captures (forgot 'dotnet ef migrations add')   exit 4\n" +
        "  drift     the live database against the model and against what the migrations build: exit 4\n" +
        "            what EF's own migrations leave (defaults from defaultValue:, foreign key actions) is\n" +
        "            reported as information, not drift\n" +
        "  pending   migrations not applied yet                                                exit 10\n" +
        "An unreachable database exits 5 after the checks that need no database ran.",
        [
            new("allow-pending", null, "Report pending migrations as information, not a failure (CI before a deploy)."),
            new("skip", "part", "Leave out a part: journal, model, drift or pending.", Repeatable: true),
            ShadowConnection.Option,
            OutputFormats.Option,
        ],
        []);

    public bool NeedsDatabase => false; // CheckAsync runs the file checks even when the database cannot be reached.

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, _) = invocation;
        var skipped = arguments.Values("skip");
        if (skipped.FirstOrDefault(s => !Parts.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            throw new UsageException($"'--skip {unknown}' names no part of the check: use {string.Join(", ", Parts)}.", Spec);
        }

        var result = await context.Database.CheckAsync(o =>
        {
            o.Journal = !skipped.Contains("journal");
            o.PendingModelChanges = !skipped.Contains("model");
            o.Drift = !skipped.Contains("drift");
            o.PendingMigrations = !skipped.Contains("pending");
            o.PendingMigrationsAreErrors = !arguments.Has("allow-pending");
            o.ShadowConnectionString = ShadowConnection.From(arguments); // the full drift comparison needs a shadow database
        }, cancellationToken).ConfigureAwait(false);

        output.Heading($"Check of {context.GetType().Name} ({ServerConnection.Target(context)}): " +
                       string.Join(", ", Parts.Where(p => !skipped.Contains(p))));
        foreach (var finding in result.Findings)
        {
            var (label, style) = finding.Severity switch
            {
                CheckSeverity.Error => ("error  ", Style.Bad),
                CheckSeverity.Warning => ("warning", Style.Warning),
                _ => ("info   ", Style.Dim),
            };
            output.Line(("  " + label + " ", style), (finding.Code + " ", Style.Bold),
                (finding.Subject is null ? string.Empty : finding.Subject + ": ", Style.Accent), (finding.Message, Style.Plain));
            if (finding.Severity != CheckSeverity.Info && !string.IsNullOrWhiteSpace(finding.Fix))
            {
                output.Line("          fix: " + finding.Fix, Style.Dim);
            }
        }

        output.Line();
        var leftByMigrations = result.Findings.Count(f => f.Code == MigrationLeftovers.Code);
        output.Line(result.Success
            ? "No drift: the journal, the migrations, the model snapshot, the model and the database agree" +
              (leftByMigrations == 0 ? "." : $" ({leftByMigrations} difference(s) from the model were left by the migrations themselves: see the information above).")
            : "Found: " + Describe(result.Outcome) + ".", result.Success ? Style.Good : Style.Bad);

        if (output.Ci != CiFormat.None)
        {
            var locator = new MigrationSourceLocator(Directory.GetCurrentDirectory());
            output.CiFindings.AddRange(result.Findings.Select(f => new CiFinding(
                f.Code, f.Kind.ToString(), f.Severity switch { CheckSeverity.Error => "error", CheckSeverity.Warning => "warning", _ => "note" },
                (f.Subject is null ? string.Empty : f.Subject + ": ") + f.Message + (string.IsNullOrWhiteSpace(f.Fix) ? string.Empty : " Fix: " + f.Fix),
                f.Fix, f.Subject is null ? null : locator.Find(f.Subject, -1))));
        }

        output.Document["checkOutcome"] = result.Outcome.ToString();
        output.Document["findings"] = new JsonArray([.. result.Findings.Select(f => (JsonNode)new JsonObject
        {
            ["kind"] = f.Kind.ToString(),
            ["code"] = f.Code,
            ["severity"] = f.Severity.ToString().ToLowerInvariant(),
            ["subject"] = f.Subject,
            ["message"] = f.Message,
            ["fix"] = f.Fix,
        })]);

        var outcome = result.Outcome;
        if (outcome.HasFlag(CheckOutcome.DatabaseUnreachable))
        {
            output.Failure("server-unreachable", $"Cannot reach the PostgreSQL server at {ServerConnection.Target(context)}: the database journal, " +
                "drift and pending migrations were not checked.", "Start the server, or fix the connection string your app gives this context.");
            return SafeMigrationsExitCode.ServerUnreachable;
        }

        return outcome.HasFlag(CheckOutcome.JournalInconsistent) ? SafeMigrationsExitCode.JournalProblem
            : (outcome & (CheckOutcome.PendingModelChanges | CheckOutcome.DatabaseDrift)) != 0 ? SafeMigrationsExitCode.DriftDetected
            : outcome.HasFlag(CheckOutcome.PendingMigrations) ? SafeMigrationsExitCode.PendingMigrations
            : SafeMigrationsExitCode.Success;
    }

    private static string Describe(CheckOutcome outcome)
        => string.Join(", ", new (CheckOutcome Flag, string Text)[]
        {
            (CheckOutcome.DatabaseUnreachable, "the database could not be reached"),
            (CheckOutcome.JournalInconsistent, "the journal disagrees with the migrations"),
            (CheckOutcome.PendingModelChanges, "model changes without a migration"),
            (CheckOutcome.DatabaseDrift, "the database differs from the model"),
            (CheckOutcome.PendingMigrations, "pending migrations"),
        }.Where(p => outcome.HasFlag(p.Flag)).Select(p => p.Text));
}
