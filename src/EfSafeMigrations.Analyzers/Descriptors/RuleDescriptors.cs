using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Descriptors;

/// <summary>
/// One <see cref="DiagnosticDescriptor"/> per catalogue rule, built from <see cref="RuleCatalog"/> when the
/// analyzer loads: ids, titles and messages exist only in the catalogue.
/// </summary>
internal static class RuleDescriptors
{
    /// <summary>The diagnostic category; <c>dotnet_analyzer_diagnostic.category-EfSafeMigrations.severity</c> configures all rules at once.</summary>
    public const string Category = "EfSafeMigrations";

    /// <summary>Custom tag on rules whose operation the safe SQL generator rewrites (reported as suggestions).</summary>
    public const string AutoFixedTag = "EfSafeMigrations.AutoFixedBySafeGenerator";

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = Build();

    /// <summary>The descriptor of a catalogue rule.</summary>
    public static DiagnosticDescriptor For(Rule rule) => ById[rule.Id];

    /// <summary>The descriptors of the given rules, for <c>SupportedDiagnostics</c>.</summary>
    public static ImmutableArray<DiagnosticDescriptor> For(params Rule[] rules)
    {
        var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>(rules.Length);
        foreach (var rule in rules)
        {
            builder.Add(For(rule));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// The analyzer's default severity for a rule. The build never fails by default on a migration that is
    /// already applied somewhere, so catalogue errors and warnings are compiler warnings (make them errors
    /// with <c>.editorconfig</c> or TreatWarningsAsErrors). Operations the safe SQL generator rewrites are
    /// suggestions: applied through MigrateSafelyAsync they run in the safe form anyway; so are operations whose
    /// failure on existing rows the data preflight finds before anything runs (raw SQL escalates to a warning).
    /// </summary>
    public static DiagnosticSeverity DefaultSeverity(Rule rule)
        => rule.AutoFixedBySafeGenerator || rule.CheckedByDataPreflight || rule.DefaultSeverity == RuleSeverity.Info
            ? DiagnosticSeverity.Info
            : DiagnosticSeverity.Warning;

    /// <summary>One step lower, for findings in <c>Down</c> (rollbacks run rarely and by hand).</summary>
    public static DiagnosticSeverity Lower(DiagnosticSeverity severity)
        => severity switch
        {
            DiagnosticSeverity.Error => DiagnosticSeverity.Warning,
            DiagnosticSeverity.Warning => DiagnosticSeverity.Info,
            _ => DiagnosticSeverity.Hidden,
        };

    private static Dictionary<string, DiagnosticDescriptor> Build()
    {
        var result = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var rule in RuleCatalog.All)
        {
            var tags = rule.AutoFixedBySafeGenerator ? new[] { AutoFixedTag } : new string[0];
#pragma warning disable RS1017 // ids come from the catalogue, the single source shared with the runtime linter
            result.Add(rule.Id, new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                // The catalogue's finding, then what to do instead.
                rule.MessageFormat + ". " + Escape(rule.SafeAlternative),
                Category,
                DefaultSeverity(rule),
                isEnabledByDefault: true,
                description: rule.Why,
                helpLinkUri: rule.HelpLink,
                customTags: tags));
#pragma warning restore RS1017
        }

        return result;
    }

    private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");
}
