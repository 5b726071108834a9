using EfSafeMigrations.CommandLine.Internal.Parsing;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary>
/// Where push and check build their throwaway shadow database: <c>--shadow-connection</c>, else
/// <see cref="Variable"/>, else the target's own server (null).
/// </summary>
internal static class ShadowConnection
{
    /// <summary>Read when --shadow-connection is not given, so that a password need not be on the command line.</summary>
    public const string Variable = "EFSAFEMIGRATIONS_SHADOW_CONNECTION_STRING";

    public static readonly OptionSpec Option =
        new("shadow-connection", "connection-string", "Server for the throwaway shadow database (role with CREATEDB); also " + Variable + ".");

    public static string? From(ParsedCommandLine arguments)
        => arguments.Value(Option.Name) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
}
