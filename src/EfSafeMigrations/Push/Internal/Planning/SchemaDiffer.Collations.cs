using System.Text;
using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// Collations (<c>HasCollation</c>): created before the columns that use them. PostgreSQL cannot change a
/// collation's definition and a drop would fail while a column uses it, so a changed one is a problem for a person
/// and one the model no longer has is left in place with a warning (as extensions are).
/// </summary>
internal sealed partial class SchemaDiffer
{
    private void DiffCollations()
    {
        foreach (var desired in _desired.Collations.Values)
        {
            if (!_live.Collations.TryGetValue(desired.Name, out var live))
            {
                _plan.Add(PushStepKind.CreateCollation, desired.Name.ToString(), $"CREATE COLLATION {_sql.Name(desired.Name)} ({Definition(desired)})");
            }
            else if (live != desired)
            {
                _plan.Problem(
                    $"Collation {desired.Name} is ({Definition(live)}) in the database but ({Definition(desired)}) in the model, and " +
                    "PostgreSQL cannot change a collation's definition. Move the columns that use it to another collation, drop it " +
                    "(DROP COLLATION), and push again.");
            }
        }

        foreach (var live in _live.Collations.Values.Where(c => !_desired.Collations.ContainsKey(c.Name)))
        {
            _plan.Warning($"Collation {live.Name} is not in the model; push leaves it in place.");
        }
    }

    /// <summary>The options of CREATE COLLATION that give <paramref name="collation"/> back.</summary>
    private static string Definition(CollationModel collation)
    {
        var options = new StringBuilder();
        switch (collation.Provider)
        {
            case 'i':
                options.Append("provider = icu, locale = ").Append(PushSql.Literal(collation.Locale ?? string.Empty));
                if (collation.IcuRules is not null)
                {
                    options.Append(", rules = ").Append(PushSql.Literal(collation.IcuRules));
                }

                break;
            case 'b':
                options.Append("provider = builtin, locale = ").Append(PushSql.Literal(collation.Locale ?? string.Empty));
                break;
            default:
                options.Append("provider = libc, lc_collate = ").Append(PushSql.Literal(collation.Collate ?? string.Empty))
                    .Append(", lc_ctype = ").Append(PushSql.Literal(collation.Ctype ?? string.Empty));
                break;
        }

        return options.Append(", deterministic = ").Append(collation.Deterministic ? "true" : "false").ToString();
    }
}
