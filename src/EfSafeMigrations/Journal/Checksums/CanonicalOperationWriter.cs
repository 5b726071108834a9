using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Journal.Checksums;

/// <summary>
/// The canonical text of a list of migration operations: what the checksum hashes.
/// <para>
/// It must come out the same from the operations the differ hands to <c>dotnet ef migrations add</c>
/// and from the compiled migration's <c>UpOperations</c> (the code generator does not round-trip
/// everything), and the same under every patch version of EF and the provider. So: each operation as
/// its short type name and its public properties by name in ordinal order, values in a type-free form,
/// properties at their default left out (a property a later EF version adds is absent until used),
/// and what code generation drops (<see cref="NotRoundTripped"/>) never written. Never the generated
/// SQL, never <c>ToString()</c> of EF objects, never a type's full name.
/// </para>
/// </summary>
internal static class CanonicalOperationWriter
{
    /// <summary>Names the canonical form; changes when the form changes, so old checksums are recognised.</summary>
    public const string Version = "efsafe-ops-v1";

    /// <summary>Properties C# code generation does not write, or writes in a form that compiles back differently.</summary>
    private static readonly HashSet<string> NotRoundTripped = new(StringComparer.Ordinal)
    {
        // Computed by the differ for EF's own data-loss warning; never in code.
        nameof(MigrationOperation.IsDestructiveChange),
        // Written as the generic argument of AddColumn<T>, but nullable and provider CLR types differ
        // between the differ's value and what compiles back; the store type carries the meaning.
        nameof(ColumnOperation.ClrType),
        // EF's generator writes Sql("...") without it (10.0.x); the differ never produces SqlOperation,
        // but a custom differ could, and its flag would be lost in the code.
        nameof(SqlOperation.SuppressTransaction),
    };

    /// <summary>Annotations that code generation filters out of migrations.</summary>
    private static readonly string[] IgnoredAnnotationPrefixes = [];

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    public static string Write(IEnumerable<MigrationOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var text = new StringBuilder(Version).Append('\n');
        foreach (var operation in operations)
        {
            WriteObject(text, operation);
            text.Append('\n');
        }

        return text.ToString();
    }

    private static void WriteObject(StringBuilder text, object operation)
    {
        text.Append(operation.GetType().Name).Append('(');
        var first = true;
        foreach (var property in Properties(operation.GetType()))
        {
            var value = property.GetValue(operation);
            if (IsDefault(value, property.PropertyType))
            {
                continue;
            }

            if (!first)
            {
                text.Append(',');
            }

            first = false;
            text.Append(property.Name).Append('=');
            WriteValue(text, value, property.Name);
        }

        if (operation is IReadOnlyAnnotatable annotatable)
        {
            var annotations = annotatable.GetAnnotations()
                .Where(a => a.Value is not null && !IgnoredAnnotationPrefixes.Any(p => a.Name.StartsWith(p, StringComparison.Ordinal)))
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .ToList();
            if (annotations.Count > 0)
            {
                text.Append(first ? "" : ",").Append('@').Append('{');
                for (var i = 0; i < annotations.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    CanonicalValueWriter.WriteString(text, annotations[i].Name);
                    text.Append('=');
                    CanonicalValueWriter.Write(text, annotations[i].Value);
                }

                text.Append('}');
            }
        }

        text.Append(')');
    }

    private static void WriteValue(StringBuilder text, object? value, string propertyName)
    {
        switch (value)
        {
            case string sql when propertyName == nameof(SqlOperation.Sql):
                // Raw SQL lives in a verbatim string: line endings and trailing blanks depend on the checkout and the editor.
                CanonicalValueWriter.WriteString(text, TrimLines(sql));
                break;
            case IReadOnlyAnnotatable nested:
                WriteObject(text, nested);
                break;
            case IEnumerable sequence and not string and not byte[] when sequence.Cast<object?>().Any(i => i is IReadOnlyAnnotatable):
                text.Append('[');
                var first = true;
                foreach (var item in sequence)
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    if (item is IReadOnlyAnnotatable nestedItem)
                    {
                        WriteObject(text, nestedItem);
                    }
                    else
                    {
                        CanonicalValueWriter.Write(text, item);
                    }
                }

                text.Append(']');
                break;
            default:
                CanonicalValueWriter.Write(text, value);
                break;
        }
    }

    private static string TrimLines(string sql)
        => string.Join('\n', CanonicalValueWriter.NormalizeLineEndings(sql).Split('\n').Select(l => l.TrimEnd())).Trim();

    private static bool IsDefault(object? value, Type declaredType)
        => value switch
        {
            null => true,
            string => false,
            Array { Length: 0 } => true,
            ICollection { Count: 0 } => true,
            _ => declaredType.IsValueType && Nullable.GetUnderlyingType(declaredType) is null
                 && value.Equals(Activator.CreateInstance(declaredType)),
        };

    private static PropertyInfo[] Properties(Type type)
        => PropertiesByType.GetOrAdd(type, static t => t
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !NotRoundTripped.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray());
}
