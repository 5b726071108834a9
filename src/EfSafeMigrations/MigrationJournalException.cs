namespace EfSafeMigrations;

/// <summary>
/// The journal file cannot be read: it is not valid JSON, has an unresolved merge conflict, misses a
/// field, or was written by a newer version. Names the file, where in it, the problem and the fix.
/// </summary>
public sealed class MigrationJournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationJournalException(string filePath, int? line, string? jsonPath, string problem, string fix)
        : base(Format(filePath, line, jsonPath, problem, fix))
    {
        FilePath = filePath;
        Line = line;
        JsonPath = jsonPath;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>The journal file (or embedded resource name).</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line of the problem, when known.</summary>
    public int? Line { get; }

    /// <summary>The JSON path of the problem (for example <c>$.entries[2].checksum</c>), when known.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>How to fix it.</summary>
    public string Fix { get; }

    /// <summary>Where and what, without the fix: <c>file(line): problem (at path)</c>.</summary>
    public string Summary => Describe(FilePath, Line, JsonPath, Problem);

    private static string Format(string filePath, int? line, string? jsonPath, string problem, string fix)
        => $"{Describe(filePath, line, jsonPath, problem)}. {fix}";

    private static string Describe(string filePath, int? line, string? jsonPath, string problem)
        => $"{filePath}{(line is { } l ? $"({l})" : "")}: {problem}{(jsonPath is null ? "" : $" (at {jsonPath})")}";
}
