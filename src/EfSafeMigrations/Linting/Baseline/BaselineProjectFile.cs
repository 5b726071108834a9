using System.Xml.Linq;

namespace EfSafeMigrations.Linting.Baseline;

/// <summary>
/// Writes <c>&lt;EfSafeMigrationsBaseline&gt;</c> into an MSBuild project file, keeping the rest as written: an
/// existing property is updated, otherwise it is added to the first unconditioned <c>PropertyGroup</c> (a new
/// group at the top when there is none).
/// </summary>
internal static class BaselineProjectFile
{
    public static string SetBaseline(string projectXml, string migrationId)
    {
        var document = XDocument.Parse(projectXml, LoadOptions.PreserveWhitespace);
        var project = document.Root ?? throw new InvalidOperationException("The project file has no root element.");
        var ns = project.Name.Namespace;
        var property = new XElement(ns + MigrationBaseline.PropertyName, migrationId);
        if (project.Descendants(ns + MigrationBaseline.PropertyName).FirstOrDefault() is { } existing)
        {
            existing.Value = migrationId;
        }
        else if (project.Elements(ns + "PropertyGroup").FirstOrDefault(g => g.Attribute("Condition") is null) is { } group
                 && group.Elements().LastOrDefault() is { } last)
        {
            // Same indentation as the group's first property.
            var indent = group.Elements().First().PreviousNode is XText whitespace ? whitespace.Value : "\n    ";
            last.AddAfterSelf(new XText(indent), property);
        }
        else
        {
            project.AddFirst(new XText("\n  "), new XElement(ns + "PropertyGroup", new XText("\n    "), property, new XText("\n  ")));
        }

        // Whitespace between the top-level nodes is kept as nodes too (PreserveWhitespace): join them as they are.
        return document.Declaration + string.Concat(document.Nodes().Select(node => node.ToString(SaveOptions.DisableFormatting)));
    }
}
