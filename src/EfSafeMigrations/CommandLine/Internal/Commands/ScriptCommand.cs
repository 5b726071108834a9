using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using EfSafeMigrations.CommandLine.Internal.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary>
/// <c>script [target]</c>: the dry-run plan of <c>migrate</c>, as annotated SQL (or JSON); with <c>--psql</c> (or <c>--from</c>,
/// <c>--idempotent</c>) the script <c>dotnet ef migrations script</c> writes, which psql runs as written (docs/deployment.md).
/// </summary>
internal sealed class ScriptCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["script"],
        "Print the safe plan 'migrate' would run: SQL per step, which steps run outside a transaction, timeouts.",
        "A dry run of 'migrate': reads the database (creates, locks and executes nothing) and prints every statement\n" +
        "the pending migrations would run, grouped in steps. A step is one transaction, or one statement outside\n" +
        "any transaction (concurrent index builds, VALIDATE CONSTRAINT, batched data migrations). The preflight\n" +
        "findings (lint, journal) come first, as SQL comments. For reading and review: apply with 'migrate', which\n" +
        "adds the lock and the retries that a script cannot.\n" +
        "With --psql: the script 'dotnet ef migrations script' writes with UseSafeMigrations, for psql -v ON_ERROR_STOP=1 -f\n" +
        "(steps outside transactions where they must be, timeouts, the journal checked and written); needs no database.",
        [
            new("psql", null, "Print a script psql runs as written, instead of the plan (no database needed)."),
            new("from", "migration", "With --psql: the migration the database is at (name or id; default: an empty database)."),
            new("idempotent", null, "With --psql: guard each migration and step, so it runs on a database at any migration, and again."),
            new("output", "file", "With --psql: write the script to this file instead of stdout."),
            new("post-deployment", null, "Plan as 'migrate --post-deployment' would (the plan only; a --psql script guards them itself)."),
        ],
        [new("target", "The migration to plan (or script) to (name or id); default: the latest.")]);

    public bool NeedsDatabase => false; // The plan probes the server itself; --psql needs none.

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, _) = invocation;
        if (arguments.Has("psql") || arguments.Has("from") || arguments.Has("idempotent") || arguments.Has("output"))
        {
            return await WritePsqlScriptAsync(arguments, context, output, cancellationToken).ConfigureAwait(false);
        }

        await ServerConnection.ProbeAsync(context, cancellationToken).ConfigureAwait(false);
        var report = await context.Database.MigrateSafelyAsync(
            new MigrateSafelyOptions { DryRun = true, TargetMigration = arguments.Positional(0), ApplyPostDeployment = arguments.Has("post-deployment") },
            cancellationToken).ConfigureAwait(false);
        var plan = report.Plan;

        output.Line($"-- EfSafeMigrations plan for {context.GetType().Name}: {plan.Migrations.Count} migration(s), {PlanRendering.StepCount(plan)} step(s), " +
                    $"{PlanRendering.OutsideTransactionCount(plan)} outside a transaction.", Style.Bold);
        var informational = report.Problems.Count(p => p.Severity == Execution.PreflightSeverity.Info);
        if (informational > 0)
        {
            output.Line($"-- {informational} informational finding(s) (assured or adopted operations): 'lint' shows them.", Style.Dim);
        }

        foreach (var problem in report.Problems.Where(p => p.Severity != Execution.PreflightSeverity.Info))
        {
            output.Line($"-- {problem.Severity.ToString().ToLowerInvariant()} {problem.Code}{(problem.MigrationId is null ? string.Empty : " " + problem.MigrationId)}: {problem.Message}",
                problem.Severity == Execution.PreflightSeverity.Error ? Style.Bad : Style.Warning);
        }

        if (report.PostDeploymentNote is { } note)
        {
            output.Line("-- " + note, report.DeferredMigrations.Count > 0 ? Style.Warning : Style.Dim);
        }

        output.Document["deferred"] = new JsonArray([.. report.DeferredMigrations.Select(id => (JsonNode)id)]);
        if (plan.Migrations.Count == 0)
        {
            output.Line("-- Nothing to apply: the database is up to date.", Style.Good);
        }
        else
        {
            foreach (var line in plan.ToString().TrimEnd().Split('\n'))
            {
                output.Line(line.TrimEnd('\r'), line.StartsWith("-- migration", StringComparison.Ordinal) ? Style.Accent
                    : line.StartsWith("-- step", StringComparison.Ordinal) ? (line.Contains("outside", StringComparison.Ordinal) ? Style.Warning : Style.Bold)
                    : line.StartsWith("--", StringComparison.Ordinal) ? Style.Dim : Style.Plain);
            }
        }

        output.Document["migrations"] = PlanRendering.ToJson(plan);
        output.Document["steps"] = PlanRendering.StepCount(plan);
        output.Document["stepsOutsideTransaction"] = PlanRendering.OutsideTransactionCount(plan);
        output.Document["problems"] = ProblemRendering.ToJson(report.Problems);
        return ProblemRendering.ExitCodeFor(report.Problems) ?? SafeMigrationsExitCode.Success;
    }

    private static async Task<SafeMigrationsExitCode> WritePsqlScriptAsync(
        ParsedCommandLine arguments, DbContext context, CommandOutput output, CancellationToken cancellationToken)
    {
        var options = arguments.Has("idempotent") ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default;
        var script = context.GetService<IMigrator>().GenerateScript(arguments.Value("from"), arguments.Positional(0), options);
        if (arguments.Value("output") is { } file)
        {
            await File.WriteAllTextAsync(file, script, cancellationToken).ConfigureAwait(false);
            output.Line($"Wrote {file}: run it with psql -v ON_ERROR_STOP=1 -f {file}", Style.Good);
            output.Document["file"] = Path.GetFullPath(file);
        }
        else
        {
            foreach (var line in script.TrimEnd().Split('\n'))
            {
                output.Line(line.TrimEnd('\r'));
            }

            output.Document["sql"] = script;
        }

        return SafeMigrationsExitCode.Success;
    }
}
