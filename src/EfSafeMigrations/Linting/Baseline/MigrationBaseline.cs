namespace EfSafeMigrations.Linting.Baseline;

/// <summary>
/// The adoption baseline: the id of the last migration that existed when EfSafeMigrations was installed
/// (<c>&lt;EfSafeMigrationsBaseline&gt;20240101000000_Foo&lt;/EfSafeMigrationsBaseline&gt;</c> in the project file).
/// Migrations at or before it are history that plain EF already applied: neither the build-time analyzer nor the
/// runtime linter reports them. Shared source: compiled into the analyzer too, so both sides agree on the ids.
/// </summary>
internal sealed class MigrationBaseline
{
    /// <summary>The MSBuild property (and the <c>build_property.</c> key the analyzer reads).</summary>
    public const string PropertyName = "EfSafeMigrationsBaseline";

    /// <summary>The key of the <c>[assembly: AssemblyMetadata]</c> the package's build targets write for the runtime.</summary>
    public const string AssemblyMetadataKey = "EfSafeMigrations.Baseline";

    private MigrationBaseline(string id) => Id = id;

    /// <summary>The baselined migration id as written (a full id, or only its 14-digit timestamp).</summary>
    public string Id { get; }

    /// <summary>The baseline for a property value, or <see langword="null"/> when it is unset or blank.</summary>
    public static MigrationBaseline? Parse(string? value)
        => string.IsNullOrWhiteSpace(value) ? null : new MigrationBaseline(value!.Trim());

    /// <summary>
    /// Whether the migration is at or before the baseline. Migration ids start with a UTC timestamp, so their ordinal
    /// order is EF's apply order; a bare timestamp covers every migration of that second.
    /// </summary>
    public bool Covers(string migrationId)
        => string.CompareOrdinal(migrationId, Id) <= 0
           || migrationId.StartsWith(Id + "_", System.StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Id;
}
