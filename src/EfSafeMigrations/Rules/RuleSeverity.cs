namespace EfSafeMigrations;

/// <summary>How serious a rule's finding is.</summary>
public enum RuleSeverity
{
    /// <summary>Worth knowing; never blocks anything.</summary>
    Info = 0,

    /// <summary>A risk or a choice that is hard to change later; reported, never blocks.</summary>
    Warning = 1,

    /// <summary>Blocks <c>MigrateSafelyAsync</c> before anything runs, unless the migration is assured with <c>[SafetyAssured]</c>.</summary>
    Error = 2,
}
