namespace EfSafeMigrations.CommandLine.Internal.Output.Ci;

/// <summary>The machine formats <c>lint</c> and <c>check</c> also write: SARIF 2.1.0 and GitHub Actions annotations.</summary>
internal enum CiFormat
{
    /// <summary>Human text or, with <c>--json</c>, the command's JSON document.</summary>
    None,

    /// <summary>One SARIF 2.1.0 log on stdout (code scanning: github/codeql-action/upload-sarif).</summary>
    Sarif,

    /// <summary>One workflow command per finding (<c>::error file=...,line=...,title=...::message</c>).</summary>
    GitHub,
}

/// <summary>A finding as CI tools show it: a rule, a level, a message and, when known, the source file and line.</summary>
/// <param name="Level">SARIF's level: <c>error</c>, <c>warning</c> or <c>note</c>.</param>
/// <param name="Location">Where the migration is written, or <see langword="null"/> when its source was not found.</param>
/// <param name="Help">Why it matters and what to do instead (SARIF's rule help).</param>
internal sealed record CiFinding(string RuleId, string Title, string Level, string Message, string? Help, SourceLocation? Location);

/// <summary>The <c>--format</c> option of <c>lint</c> and <c>check</c>.</summary>
internal static class OutputFormats
{
    public static readonly Parsing.OptionSpec Option = new("format", "human|json|sarif|github", "Output format: human text (default), json (as --json), sarif (SARIF 2.1.0 log) or github (Actions annotations).");

    /// <summary>The CI format asked for, and whether JSON was; throws a usage error for an unknown format.</summary>
    public static (CiFormat Ci, bool Json) Of(Parsing.ParsedCommandLine parsed)
        => parsed.Value("format") switch
        {
            null or "human" => (CiFormat.None, parsed.Json),
            "json" => (CiFormat.None, true),
            "sarif" => (CiFormat.Sarif, false),
            "github" => (CiFormat.GitHub, false),
            var other => throw new Parsing.UsageException($"'--format {other}' is not a format: use human, json, sarif or github.", parsed.Spec),
        };
}

/// <summary>A file (relative to the directory the command ran in, with '/' separators) and a 1-based line.</summary>
internal sealed record SourceLocation(string File, int Line);
