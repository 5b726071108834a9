using System.Text.RegularExpressions;

namespace EfSafeMigrations.Analyzers.Tests.Infrastructure;

/// <summary>Microsoft.CodeAnalysis.Testing's diagnostic markup: <c>{|ESM0001:code|}</c>.</summary>
internal static partial class Markup
{
    public static string Strip(string text) => Opening().Replace(text, "").Replace("|}", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\{\|ESM\d{4}:")]
    private static partial Regex Opening();
}
