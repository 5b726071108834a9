using System.Globalization;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using EfSafeMigrations.Tenants;
using EfSafeMigrations.Tenants.Internal;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary>
/// <c>tenants migrate</c> and <c>tenants status</c>: the multi-target run over the targets the app lists. They print the
/// per-target table (or the report's JSON with <c>--json</c>) and exit with the report's code.
/// </summary>
internal static class TenantCommands
{
    public static readonly CommandSpec Migrate = new(
        ["tenants", "migrate"],
        "Migrate every tenant database or schema the app lists, with bounded parallelism.",
        "Runs MigrateSafelyAsync on each target (its own lock, journal and gates) and prints one line per target:\n" +
        "applied, up to date, failed (with the error and where it stands) or not run (the failure policy stopped the run).\n" +
        "Exit code 0 when every target succeeded, 12 (targets-failed) otherwise. Credentials never appear in the output.\n" +
        "Post-deployment migrations wait on each target (listed as deferred) unless --post-deployment is given.",
        [
            new("post-deployment", null, "Also apply the post-deployment migrations (after the rollout has finished)."),
            new("parallel", "N", "Targets migrated at once (default 4)."),
            new("per-server", "N", "Targets migrated at once on one server (default 2)."),
            new("stop-after", "N", "Start no further target once N have failed (default: try every target)."),
            new("canary", "NAME", "Migrate this target first; if it fails, start no other (repeatable).", Repeatable: true),
        ],
        []);

    public static readonly CommandSpec Status = new(
        ["tenants", "status"],
        "Show which tenants are behind (and with --check, which drift).",
        "Reads each target's migrations history (read-only) and prints applied and pending counts per target. With --check\n" +
        "it also runs the drift check on each. Exit code 12 when a target cannot be read, 4 when one drifted, 10 when one is\n" +
        "behind, else 0.",
        [
            new("check", null, "Also run the drift check (journal, model, live schema) on every target."),
            new("parallel", "N", "Targets read at once (default 4)."),
        ],
        []);

    public static IReadOnlyList<CommandSpec> Specs { get; } = [Migrate, Status];

    public static async Task<int> RunAsync<TContext>(
        IReadOnlyList<string> args, Func<CancellationToken, Task<IEnumerable<TenantTarget>>> listTargets,
        TargetContexts<TContext> contexts, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        ParsedCommandLine parsed;
        try
        {
            parsed = CommandLineParser.Parse(
                CommandLineParser.Find(Specs, args) ?? throw new UsageException("'tenants' needs a subcommand: migrate, status."), args);
        }
        catch (UsageException usage)
        {
            await Console.Error.WriteLineAsync($"{usage.Message} Run 'tenants migrate --help' or 'tenants status --help'.").ConfigureAwait(false);
            return (int)SafeMigrationsExitCode.UsageError;
        }

        if (parsed.Has("help"))
        {
            Console.WriteLine($"{parsed.Spec.Name}: {parsed.Spec.Summary}\n\n{parsed.Spec.Details}\n");
            foreach (var option in parsed.Spec.AllOptions)
            {
                Console.WriteLine($"  {option.Usage,-22} {option.Description}");
            }

            return (int)SafeMigrationsExitCode.Success;
        }

        try
        {
            var options = new TenantMigrationOptions
            {
                MaxParallelism = Number(parsed, "parallel") ?? 4,
                MaxParallelismPerServer = Number(parsed, "per-server") ?? 2,
                StopAfterFailures = Number(parsed, "stop-after"),
            };
            if (parsed.Has("post-deployment"))
            {
                options.MigrateOptions = _ => new MigrateSafelyOptions { ApplyPostDeployment = true };
            }

            foreach (var canary in parsed.Values("canary"))
            {
                options.CanaryTargets.Add(canary);
            }

            var targets = await listTargets(cancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(parsed.Spec, Migrate))
            {
                var report = await SafeMigrationsTenants.RunAsync(targets, contexts, options, cancellationToken).ConfigureAwait(false);
                Console.Write(parsed.Json ? report.ToJson() + Environment.NewLine : report.ToTable());
                return report.ExitCode;
            }

            var status = await SafeMigrationsTenants.ReadAsync(
                targets, contexts, parsed.Has("check") ? _ => { } : null, options, cancellationToken).ConfigureAwait(false);
            Console.Write(parsed.Json ? status.ToJson() + Environment.NewLine : status.ToTable());
            return status.ExitCode;
        }
        catch (Exception bad) when (bad is ArgumentException or UsageException)
        {
            await Console.Error.WriteLineAsync(bad.Message).ConfigureAwait(false);
            return (int)SafeMigrationsExitCode.UsageError;
        }
    }

    private static int? Number(ParsedCommandLine parsed, string option)
        => parsed.Value(option) is not { } text ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new UsageException($"--{option} takes a positive whole number, not '{text}'.");
}
