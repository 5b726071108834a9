using System.Runtime.InteropServices;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Output.Ci;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal;

/// <summary>
/// Runs one command: parses, creates the user's context through the app's own factory, probes the server,
/// runs the command, maps failures to distinct exit codes and writes the result (human or JSON).
/// </summary>
internal sealed class CommandHost(IReadOnlyList<ISafeMigrationsCommand> commands, TerminalSettings terminal)
{
    public static readonly string[] HelpWords = ["help", "--help", "-h", "-?"];

    public IReadOnlyList<CommandSpec> Specs { get; } = commands.Select(c => c.Spec).ToList();

    /// <summary>Whether <paramref name="args"/> names one of the commands (so it is ours, not the app's).</summary>
    public bool Handles(IReadOnlyList<string> args) => CommandLineParser.StartsWithCommand(Specs, args);

    public async Task<int> RunAsync(IReadOnlyList<string> args, Func<DbContext> createContext, Interruption interruption)
    {
        var help = new HelpWriter(terminal, Specs);
        if (args.Count == 0 || HelpWords.Contains(args[0], StringComparer.Ordinal))
        {
            help.WriteOverview();
            return args.Count == 0 ? (int)SafeMigrationsExitCode.UsageError : (int)SafeMigrationsExitCode.Success;
        }

        var json = args.Contains("--json", StringComparer.Ordinal);
        var spec = CommandLineParser.Find(Specs, args);
        ParsedCommandLine parsed;
        try
        {
            if (spec is null)
            {
                var group = Specs.Where(s => s.Path.Count > 1 && s.Path[0] == args[0]).ToList();
                throw new UsageException(group.Count > 0
                    ? $"'{args[0]}' needs a subcommand: {string.Join(", ", group.Select(g => g.Name))}."
                    : $"Unknown command '{args[0]}'. Commands: {string.Join(", ", Specs.Select(s => s.Name))}.");
            }

            parsed = CommandLineParser.Parse(spec, args);
            _ = OutputFormats.Of(parsed);
        }
        catch (UsageException usage)
        {
            var output = new CommandOutput(terminal, spec?.Name ?? args[0], json, noColor: false, quiet: true);
            output.Failure("usage-error", usage.Message, $"Run with --help to see {(usage.Command is null ? "the commands" : "its options")}.");
            output.Complete(SafeMigrationsExitCode.UsageError);
            return (int)SafeMigrationsExitCode.UsageError;
        }

        if (parsed.Has("help"))
        {
            help.WriteCommand(parsed.Spec);
            return (int)SafeMigrationsExitCode.Success;
        }

        var command = commands.Single(c => ReferenceEquals(c.Spec, parsed.Spec));
        var (ci, asJson) = OutputFormats.Of(parsed);
        var result = new CommandOutput(terminal, parsed.Spec.Name, asJson, parsed.Has("no-color"), parsed.Has("quiet"), ci);
        var exitCode = await RunCommandAsync(command, parsed, createContext, result, interruption).ConfigureAwait(false);
        result.Complete(exitCode);
        return (int)exitCode;
    }

    private static async Task<SafeMigrationsExitCode> RunCommandAsync(
        ISafeMigrationsCommand command, ParsedCommandLine parsed, Func<DbContext> createContext, CommandOutput output,
        Interruption interruption)
    {
        var cancellationToken = interruption.Token;
        DbContext context;
        try
        {
            context = createContext() ?? throw new InvalidOperationException("The context factory returned null.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.Failure("error", $"The app's context factory failed: {exception.Message}",
                "Check the configuration (connection string) the app builds its DbContext from.");
            return SafeMigrationsExitCode.Error;
        }

        await using (context.ConfigureAwait(false))
        {
            output.Document["context"] = context.GetType().Name;
            try
            {
                var server = command.NeedsDatabase
                    ? await ServerConnection.ProbeAsync(context, cancellationToken).ConfigureAwait(false)
                    : ServerState.Reachable;
                return await command.RunAsync(new CommandInvocation(parsed, context, output, server), cancellationToken).ConfigureAwait(false);
            }
            catch (ServerUnreachableException unreachable)
            {
                output.Failure("server-unreachable", unreachable.Message, unreachable.Fix);
                return SafeMigrationsExitCode.ServerUnreachable;
            }
            catch (Exception exception) when (ServerConnection.Describe(exception, context) is { } unreachable)
            {
                output.Failure("server-unreachable", unreachable.Message, unreachable.Fix);
                return SafeMigrationsExitCode.ServerUnreachable;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                var terminated = interruption.Signal == PosixSignal.SIGTERM;
                var by = interruption.Signal switch
                {
                    PosixSignal.SIGTERM => " by SIGTERM",
                    PosixSignal.SIGINT => " by Ctrl+C",
                    _ => string.Empty,
                };
                output.Failure(terminated ? "terminated" : "cancelled",
                    $"'{parsed.Spec.Name}' was stopped{by}; the statement it was running on the server was cancelled.",
                    "Run it again: 'migrate' resumes after the last completed step (a step that ran outside a transaction may have " +
                    "completed); 'status' shows where the database stands.");
                return terminated ? SafeMigrationsExitCode.Terminated : SafeMigrationsExitCode.Error;
            }
            catch (MigrationJournalException journal)
            {
                output.Failure("journal-problem", journal.Summary, journal.Fix);
                return SafeMigrationsExitCode.JournalProblem;
            }
            catch (UsageException usage)
            {
                output.Failure("usage-error", usage.Message, "Run with --help to see its options.");
                return SafeMigrationsExitCode.UsageError;
            }
            catch (Exception exception)
            {
                output.Failure("error", $"{exception.GetType().Name}: {exception.Message}");
                return SafeMigrationsExitCode.Error;
            }
        }
    }
}
