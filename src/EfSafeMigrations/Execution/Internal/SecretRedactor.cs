using System.Text.RegularExpressions;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Removes secrets from text the library shows (logs, reports, exceptions): password literals in SQL
/// (<c>CREATE ROLE ... PASSWORD '...'</c>) and password settings in connection strings.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";

    public static string Redact(string text)
    {
        var result = PasswordLiteral().Replace(text, m => m.Groups[1].Value + "'" + Mask + "'");
        return ConnectionStringPassword().Replace(result, m => m.Groups[1].Value + Mask);
    }

    public static string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    [GeneratedRegex(@"(\bPASSWORD\s+)(?:E?'(?:[^']|'')*')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordLiteral();

    [GeneratedRegex(@"(\b(?:Password|Pwd)\s*=\s*)[^;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringPassword();
}
