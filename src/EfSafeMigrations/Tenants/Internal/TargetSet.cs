using EfSafeMigrations.Infrastructure.Internal;
using Npgsql;

namespace EfSafeMigrations.Tenants.Internal;

/// <summary>A run's targets, checked: names given and unique, no database (or schema) twice, canaries known.</summary>
internal static class TargetSet
{
    public static IReadOnlyList<TenantTarget> Validate(IEnumerable<TenantTarget> targets, TenantMigrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(targets);
        options.Validate();
        var list = targets.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var places = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var target in list)
        {
            if (target is null || string.IsNullOrWhiteSpace(target.Name) || string.IsNullOrWhiteSpace(target.ConnectionString))
            {
                throw new ArgumentException("Every tenant target needs a name and a connection string.");
            }

            if (!names.Add(target.Name))
            {
                throw new ArgumentException($"The tenant target name '{target.Name}' is given twice: names must be unique within a run.");
            }

            // Two targets on one database and schema would race for the same lock and migrate it twice over.
            var place = Location(target).ToLowerInvariant();
            if (!places.TryAdd(place, target.Name))
            {
                throw new ArgumentException(
                    $"Tenant targets '{places[place]}' and '{target.Name}' are the same database{(target.Schema is null ? "" : " and schema")} " +
                    $"({Location(target)}): give each database or schema once.");
            }
        }

        var unknown = options.CanaryTargets.Where(c => !names.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Canary targets not among the targets: {string.Join(", ", unknown)}.");
        }

        return list;
    }

    /// <summary>Host, port, database and schema: where a target is, without credentials.</summary>
    public static string Location(TenantTarget target)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The connection string of tenant target '{target.Name}' cannot be read: {e.Message}", e);
        }

        var where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        var schema = target.Schema ?? SearchPath.FirstSchema(target.ConnectionString);
        return schema is null ? where : $"{where}/{schema}";
    }

    /// <summary>A target's failure as a report shows it: its type and message, passwords redacted.</summary>
    public static string Describe(Exception failure) => $"{failure.GetType().Name}: {Execution.Internal.SecretRedactor.Redact(failure.Message)}";

    /// <summary>The server a target is on (per-server parallelism).</summary>
    public static string Server(TenantTarget target)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        return $"{builder.Host}:{builder.Port}".ToLowerInvariant();
    }
}
