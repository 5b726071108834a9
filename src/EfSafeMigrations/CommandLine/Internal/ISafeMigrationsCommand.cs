using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.CommandLine.Internal;

/// <summary>One command of the command line: its spec, and how it runs against the user's context.</summary>
internal interface ISafeMigrationsCommand
{
    CommandSpec Spec { get; }

    /// <summary>Whether the host probes the server first (so an unreachable server fails fast and clearly).</summary>
    bool NeedsDatabase { get; }

    Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>Everything a running command gets.</summary>
/// <param name="Arguments">Its parsed command line.</param>
/// <param name="Context">The user's context, created the way the app creates it.</param>
/// <param name="Output">Where it writes.</param>
/// <param name="Server">What the probe found (always <see cref="ServerState.Reachable"/> when the command needs no database).</param>
internal sealed record CommandInvocation(ParsedCommandLine Arguments, DbContext Context, CommandOutput Output, ServerState Server);
