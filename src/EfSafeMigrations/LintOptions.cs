namespace EfSafeMigrations;

/// <summary>Which danger rules are checked and at what severity.</summary>
public sealed class LintOptions
{
}
