using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EfSafeMigrations;

/// <summary>The kinds of problem <c>CheckAsync</c> looks for; as flags, the CI outcome.</summary>
[Flags]
public enum CheckOutcome
{
    /// <summary>Nothing wrong.</summary>
    Clean = 0,

    /// <summary>The journal file or database journal disagrees with the compiled migrations.</summary>
    JournalInconsistent = 1,

    /// <summary>The model has changes no migration captures yet (model vs snapshot).</summary>
    PendingModelChanges = 2,

    /// <summary>The live database differs from the model (tables, columns, types, nullability).</summary>
    DatabaseDrift = 4,

    /// <summary>Migrations are not applied to the database yet.</summary>
    PendingMigrations = 8,

    /// <summary>The database could not be reached; the checks that need it did not run.</summary>
    DatabaseUnreachable = 16,
}

/// <summary>How bad a finding is.</summary>
public enum CheckSeverity
{
    /// <summary>For information.</summary>
    Info,

    /// <summary>Worth a look; does not fail the check.</summary>
    Warning,

    /// <summary>Fails the check.</summary>
    Error,
}

/// <summary>One thing <c>CheckAsync</c> found.</summary>
/// <param name="Kind">Which check found it (one flag of <see cref="CheckOutcome"/>).</param>
/// <param name="Code">A stable code (<see cref="JournalProblemCodes"/>, <c>PENDING_MODEL_CHANGES</c>, <c>DRIFT_*</c>, <c>PENDING_MIGRATION</c>).</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Subject">The migration, table or column concerned, when there is one.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">The way out.</param>
public sealed record CheckFinding(CheckOutcome Kind, string Code, CheckSeverity Severity, string? Subject, string Message, string Fix);

/// <summary>
/// The result of <c>CheckAsync</c>: every finding, the outcome (one flag per kind of problem with an
/// error), an exit code for CI (the outcome's value, 0 when clean) and a JSON form.
/// </summary>
public sealed class CheckResult
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Creates a result from its findings.</summary>
    public CheckResult(IReadOnlyList<CheckFinding> findings)
    {
        Findings = findings ?? throw new ArgumentNullException(nameof(findings));
        Outcome = findings.Where(f => f.Severity == CheckSeverity.Error).Aggregate(CheckOutcome.Clean, (o, f) => o | f.Kind);
    }

    /// <summary>Every finding, in the order the checks ran (journal, model, database, pending migrations).</summary>
    public IReadOnlyList<CheckFinding> Findings { get; }

    /// <summary>One flag per kind of problem that has an error.</summary>
    public CheckOutcome Outcome { get; }

    /// <summary>Whether no check found an error.</summary>
    public bool Success => Outcome == CheckOutcome.Clean;

    /// <summary>A process exit code for CI: 0 when clean, else the <see cref="Outcome"/> flags (1 journal, 2 model, 4 drift, 8 pending, 16 unreachable).</summary>
    public int ExitCode => (int)Outcome;

    /// <summary>The result as JSON: <c>{ "success", "outcome", "exitCode", "findings": [...] }</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new { success = Success, outcome = Outcome.ToString(), exitCode = ExitCode, findings = Findings }, Json);
}
