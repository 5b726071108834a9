using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>push</c>: <c>PushAsync</c>, bring a development database to the model without migration files.</summary>
internal sealed class PushCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["push"],
        "Bring a development database to the model without migrations (like drizzle-kit push); never prompts.",
        "Compares the model with the database (through a throwaway shadow database) and applies the difference: enum\n" +
        "values first, then every other change in one transaction, then concurrent index builds, all under lock and\n" +
        "statement timeouts. Never truncates and never prompts, so CI can run it. Refuses, executing nothing, when the\n" +
        "plan loses data not named with --allow-data-loss, contains a change push cannot make, or the database has\n" +
        "migration history (push is for databases that migrations do not manage). The shadow database is created on\n" +
        "the target's server unless --shadow-connection (or " + ShadowConnection.Variable + ") names another;\n" +
        "its role needs CREATEDB.",
        [
            new("dry-run", null, "Print the plan (and what would be refused); execute nothing."),
            new("allow-data-loss", "object", "Accept data loss for one object, as a refusal names it: \"table public.t\", \"column public.t.c\".", Repeatable: true),
            new("rename", "hint", "Keep data across a rename: \"table public.old -> new\", \"column public.t.old -> new\".", Repeatable: true),
            new("allow-migration-history", null, "Push even though the database has migration history."),
            ShadowConnection.Option,
        ],
        []);

    public bool NeedsDatabase => true;

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, _) = invocation;
        var options = new PushOptions
        {
            DryRun = arguments.Has("dry-run"),
            AllowMigrationHistory = arguments.Has("allow-migration-history"),
            ShadowConnectionString = ShadowConnection.From(arguments),
        };
        foreach (var entry in arguments.Values("allow-data-loss"))
        {
            options.AllowDataLoss.Add(entry);
        }

        foreach (var hint in arguments.Values("rename"))
        {
            options.Renames.Add(hint);
        }

        output.Progress.Start(options.DryRun ? "planning the push (shadow database)" : "pushing the model to the database");
        PushResult result;
        try
        {
            result = await context.Database.PushAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (PushRefusedException refused)
        {
            output.Progress.Stop();
            if (refused.Plan is not null)
            {
                Write(output, context, refused.Plan, applied: false, executed: 0);
            }

            output.Failure("push-refused", refused.Message,
                refused.Plan?.RefusedSteps.Count > 0
                    ? "Name each object whose data may go with --allow-data-loss, or give a --rename hint if it was renamed."
                    : "Push is for databases migrations do not manage: use 'migrate' here, or --allow-migration-history if you mean it.");
            return SafeMigrationsExitCode.PushRefused;
        }

        output.Progress.Stop();
        Write(output, context, result.Plan, result.Applied, result.ExecutedSteps);
        return result.Plan.IsRefused ? SafeMigrationsExitCode.PushRefused : SafeMigrationsExitCode.Success;
    }

    private static void Write(CommandOutput output, DbContext context, PushPlan plan, bool applied, int executed)
    {
        output.Heading(plan.IsEmpty
            ? $"The database already matches the model of {context.GetType().Name} ({ServerConnection.Target(context)})."
            : $"Push plan for {context.GetType().Name} ({ServerConnection.Target(context)}): {plan.Steps.Count} statement(s)");
        foreach (var step in plan.Steps)
        {
            output.Line(("  " + step.Sql.TrimEnd().TrimEnd(';') + ";", step.IsAllowed ? Style.Plain : Style.Bad),
                (step.RunsOutsideTransaction ? "  -- outside the transaction" : string.Empty, Style.Dim),
                (step.DataLoss is null ? string.Empty : $"  -- data loss: {step.DataLoss}" +
                    (step.IsAllowed ? " (allowed)" : $" (refused: --allow-data-loss \"{step.AllowListEntry}\")"), step.IsAllowed ? Style.Warning : Style.Bad));
        }

        foreach (var problem in plan.Problems)
        {
            output.Line(("  problem: ", Style.Bad), (problem, Style.Plain));
        }

        foreach (var warning in plan.Warnings)
        {
            output.Line(("  warning: ", Style.Warning), (warning, Style.Plain));
        }

        if (applied)
        {
            output.Line();
            output.Line($"Pushed: {executed} statement(s) executed.", Style.Good);
        }
        else if (!plan.IsEmpty && !plan.IsRefused)
        {
            output.Line();
            output.Line("Dry run: nothing was executed.", Style.Dim);
        }

        output.Document["applied"] = applied;
        output.Document["executedSteps"] = executed;
        output.Document["refused"] = plan.IsRefused;
        output.Document["steps"] = new JsonArray([.. plan.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["kind"] = s.Kind.ToString(),
            ["target"] = s.Target,
            ["sql"] = s.Sql,
            ["outsideTransaction"] = s.RunsOutsideTransaction,
            ["dataLoss"] = s.DataLoss,
            ["allowListEntry"] = s.AllowListEntry,
            ["allowed"] = s.IsAllowed,
        })]);
        output.Document["problems"] = new JsonArray([.. plan.Problems.Select(p => (JsonNode)p)]);
        output.Document["warnings"] = new JsonArray([.. plan.Warnings.Select(w => (JsonNode)w)]);
    }
}
