using EfSafeMigrations.Execution;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>A problem found by the journal verification; becomes a preflight problem or a check finding.</summary>
internal sealed record JournalProblem(string Code, PreflightSeverity Severity, string? MigrationId, string Message, string Fix)
{
    public PreflightProblem ToPreflight() => new("journal", Severity, Code, MigrationId, Message, Fix);
}
