using System.Text.RegularExpressions;

namespace EfSafeMigrations.CommandLine.Internal.Output.Ci;

/// <summary>
/// Finds where a migration is written, by a source search of the directory the command runs in (the repository in
/// CI): the file declaring <c>[Migration("id")]</c> (EF puts it in the .Designer.cs file) names the class; the file
/// with that class's <c>Up</c> gives the line of the n-th <c>migrationBuilder.</c> call for operation n, else the
/// line of <c>Up</c>, else the attribute's line. Not found (no sources there, a migration built in code): no location.
/// </summary>
internal sealed partial class MigrationSourceLocator(string root)
{
    private List<(string Path, string[] Lines)>? _sources;

    public SourceLocation? Find(string migrationId, int operationIndex)
    {
        var attribute = $"[Migration(\"{migrationId}\")]";
        foreach (var (path, lines) in Sources())
        {
            var attributeLine = Array.FindIndex(lines, l => l.Contains(attribute, StringComparison.Ordinal));
            if (attributeLine < 0)
            {
                continue;
            }

            var className = lines.Skip(attributeLine).Select(l => ClassName().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            return (className is null ? null : FindUp(className, operationIndex)) ?? new SourceLocation(Relative(path), attributeLine + 1);
        }

        return null;
    }

    private SourceLocation? FindUp(string className, int operationIndex)
    {
        var declaration = new Regex($@"\bclass\s+{Regex.Escape(className)}\b");
        foreach (var (path, lines) in Sources())
        {
            if (!lines.Any(l => declaration.IsMatch(l)))
            {
                continue;
            }

            var up = Array.FindIndex(lines, l => UpMethod().IsMatch(l));
            if (up < 0)
            {
                continue;
            }

            var down = Array.FindIndex(lines, up + 1, l => DownMethod().IsMatch(l));
            var calls = Enumerable.Range(up + 1, (down < 0 ? lines.Length : down) - up - 1)
                .Where(i => lines[i].Contains("migrationBuilder.", StringComparison.Ordinal)).ToList();
            var line = operationIndex >= 0 && operationIndex < calls.Count ? calls[operationIndex] : up;
            return new SourceLocation(Relative(path), line + 1);
        }

        return null;
    }

    private List<(string Path, string[] Lines)> Sources()
        => _sources ??= Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.cs", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Where(p => !IsBuildOutput(p))
                .Select(p => (p, File.ReadAllLines(p)))
                .Where(s => s.Item2.Any(l => l.Contains("Migration", StringComparison.Ordinal)))
                .ToList()
            : [];

    private bool IsBuildOutput(string path)
        => Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "node_modules");

    private string Relative(string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    [GeneratedRegex(@"\bclass\s+(\w+)")]
    private static partial Regex ClassName();

    [GeneratedRegex(@"\bvoid\s+Up\s*\(")]
    private static partial Regex UpMethod();

    [GeneratedRegex(@"\bvoid\s+Down\s*\(")]
    private static partial Regex DownMethod();
}
