using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output.Ci;

namespace EfSafeMigrations.CommandLine.Internal.Output;

/// <summary>
/// What a command writes. Commands describe their result twice, cheaply: human lines (written as they go,
/// coloured on a terminal) and fields of one JSON document (written at the end with <c>--json</c>). In JSON
/// mode the human lines are dropped, so stdout holds exactly one document.
/// </summary>
internal sealed class CommandOutput
{
    private static readonly JsonSerializerOptions JsonFormat = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TerminalSettings _terminal;

    public CommandOutput(TerminalSettings terminal, string command, bool json, bool noColor, bool quiet, CiFormat ciFormat = CiFormat.None)
    {
        _terminal = terminal;
        IsJson = json;
        Ci = ciFormat;
        Colour = !json && !noColor && !terminal.NoColorRequested && terminal.OutIsTerminal;
        ErrorColour = !noColor && !terminal.NoColorRequested && terminal.ErrorIsTerminal;
        Document["command"] = command;
        Progress = quiet ? ProgressDisplay.Silent : new ProgressDisplay(terminal.Error, terminal.ErrorIsTerminal, ErrorColour);
    }

    public bool IsJson { get; }

    /// <summary>SARIF or GitHub annotations instead of human lines (docs/commands.md#ci-formats).</summary>
    public CiFormat Ci { get; }

    /// <summary>The findings the CI formats write at the end, as commands add them.</summary>
    public List<CiFinding> CiFindings { get; } = [];

    // Human lines are dropped when stdout carries one machine document (JSON, SARIF) or only annotations.
    private bool HumanLines => !IsJson && Ci == CiFormat.None;

    public bool Colour { get; }

    private bool ErrorColour { get; }

    /// <summary>The JSON document; commands add their fields.</summary>
    public JsonObject Document { get; } = new();

    /// <summary>The progress display for long steps (stderr).</summary>
    public ProgressDisplay Progress { get; }

    public void Line(string text = "", Style style = Style.Plain)
    {
        if (HumanLines)
        {
            Progress.Suspend();
            _terminal.Out.WriteLine(StyleCodes.Apply(style, text, Colour));
        }
    }

    /// <summary>A line made of styled parts.</summary>
    public void Line(params (string Text, Style Style)[] parts)
    {
        if (HumanLines)
        {
            Progress.Suspend();
            _terminal.Out.WriteLine(string.Concat(parts.Select(p => StyleCodes.Apply(p.Style, p.Text, Colour))));
        }
    }

    public void Heading(string text) => Line(text, Style.Bold);

    /// <summary>Records the failure in the document and, in human mode, prints it on stderr.</summary>
    public void Failure(string kind, string message, string? fix = null)
    {
        Document["error"] = new JsonObject { ["kind"] = kind, ["message"] = message, ["fix"] = fix };
        if (!IsJson)
        {
            Progress.Suspend();
            _terminal.Error.WriteLine(StyleCodes.Apply(Style.Bad, "error: ", ErrorColour) + message);
            if (fix is not null)
            {
                _terminal.Error.WriteLine(StyleCodes.Apply(Style.Accent, "  fix: ", ErrorColour) + fix);
            }
        }
    }

    // A failure that ended the command (server unreachable, usage error): the CI formats report it too, so a job does
    // not show an empty, clean-looking result.
    private string? FailureText()
        => Document["error"] is JsonObject error
            ? error["message"]?.GetValue<string>() + (error["fix"]?.GetValue<string>() is { } fix ? " Fix: " + fix : string.Empty)
            : null;

    /// <summary>Ends the command: stops the progress display and, in JSON mode, writes the document.</summary>
    public void Complete(SafeMigrationsExitCode exitCode)
    {
        Progress.Dispose();
        Document["exitCode"] = (int)exitCode;
        Document["outcome"] = Outcomes.Name(exitCode);
        if (IsJson)
        {
            _terminal.Out.WriteLine(Document.ToJsonString(JsonFormat));
        }
        else if (Ci == CiFormat.Sarif)
        {
            _terminal.Out.WriteLine(SarifLog.Build(CiFindings, FailureText()).ToJsonString(JsonFormat));
        }
        else if (Ci == CiFormat.GitHub)
        {
            foreach (var line in GitHubAnnotations.Lines(CiFindings, FailureText()))
            {
                _terminal.Out.WriteLine(line);
            }
        }

        _terminal.Out.Flush();
    }
}

/// <summary>The kebab-case names of exit codes, as JSON and the docs spell them.</summary>
internal static class Outcomes
{
    public static string Name(SafeMigrationsExitCode code) => code switch
    {
        SafeMigrationsExitCode.Success => "success",
        SafeMigrationsExitCode.Error => "error",
        SafeMigrationsExitCode.UsageError => "usage-error",
        SafeMigrationsExitCode.LintErrors => "lint-errors",
        SafeMigrationsExitCode.DriftDetected => "drift-detected",
        SafeMigrationsExitCode.ServerUnreachable => "server-unreachable",
        SafeMigrationsExitCode.JournalProblem => "journal-problem",
        SafeMigrationsExitCode.MigrationFailed => "migration-failed",
        SafeMigrationsExitCode.PushRefused => "push-refused",
        SafeMigrationsExitCode.NotAvailable => "not-available",
        SafeMigrationsExitCode.PendingMigrations => "pending-migrations",
        SafeMigrationsExitCode.MissingPrivilege => "missing-privilege",
        SafeMigrationsExitCode.TargetsFailed => "targets-failed",
        SafeMigrationsExitCode.Terminated => "terminated",
        _ => code.ToString(),
    };
}
