using System.Collections.Immutable;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// The checks of one rule family over a migration's <c>Up</c> or <c>Down</c> method. All checks run inside the
/// one <see cref="MigrationSafetyAnalyzer"/>, so each method is bound and walked once, whatever the number of rules.
/// </summary>
internal abstract class MigrationCheck
{
    /// <summary>The rules this check can report.</summary>
    public abstract ImmutableArray<Rule> Rules { get; }

    /// <summary>Checks one <c>Up</c> or <c>Down</c> method.</summary>
    public abstract void Analyze(MigrationMethod method);
}
