namespace EfSafeMigrations;

/// <summary>Whether the build-time analyzer can report a rule from the migration's source code alone.</summary>
public enum AnalyzerSupport
{
    /// <summary>
    /// The rule is visible in the source: a <c>migrationBuilder.X(...)</c> call with constant arguments or a
    /// <c>Sql("...")</c> literal (a table created earlier in the same <c>Up</c> counts as new).
    /// </summary>
    Implemented = 0,

    /// <summary>The rule needs facts only known at run time (the server version, the model); see <see cref="Rule.RuntimeOnlyReason"/>.</summary>
    RuntimeOnly = 1,
}
