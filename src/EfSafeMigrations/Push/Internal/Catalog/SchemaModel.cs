namespace EfSafeMigrations.Push.Internal.Catalog;

/// <summary>A schema-qualified object name, compared exactly as PostgreSQL does (case-sensitive).</summary>
internal readonly record struct QualifiedName(string Schema, string Name)
{
    public override string ToString() => $"{Schema}.{Name}";
}

/// <summary>
/// The normalized shape of one database as push compares it. Both sides (the live database and the shadow
/// database built from the model) are read by the same catalog queries, so every normalization PostgreSQL
/// applies (defaults, types, generated names) shows up identically on both sides and cancels out.
/// </summary>
internal sealed class SchemaModel
{
    public SortedSet<string> Schemas { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Extensions { get; } = new(StringComparer.Ordinal);

    public Dictionary<QualifiedName, EnumModel> Enums { get; } = [];

    /// <summary>Collations created in user schemas (<c>HasCollation</c>); the built-in ones live in pg_catalog.</summary>
    public Dictionary<QualifiedName, CollationModel> Collations { get; } = [];

    /// <summary>Sequences that are not identity sequences (those belong to their column).</summary>
    public Dictionary<QualifiedName, SequenceModel> Sequences { get; } = [];

    public Dictionary<QualifiedName, TableModel> Tables { get; } = [];

    /// <summary>Major version of the server the model was read from (deparsed SQL differs between majors).</summary>
    public int ServerMajorVersion { get; set; }
}

internal sealed record EnumModel(QualifiedName Name, IReadOnlyList<string> Labels);

/// <summary>
/// A collation as <c>CREATE COLLATION</c> defines it. <see cref="Provider"/> is pg_collation's letter: <c>i</c> ICU,
/// <c>c</c> libc, <c>b</c> builtin (17+). ICU and builtin collations have a <see cref="Locale"/>, libc ones
/// <see cref="Collate"/> and <see cref="Ctype"/>.
/// </summary>
internal sealed record CollationModel(
    QualifiedName Name, char Provider, bool Deterministic, string? Locale, string? Collate, string? Ctype, string? IcuRules);

internal sealed record SequenceOptions(string DataType, long Start, long Increment, long Min, long Max, long Cache, bool Cycle);

/// <summary>A sequence; <see cref="OwnedBy"/> is set for serial-style sequences owned by a column.</summary>
internal sealed record SequenceModel(QualifiedName Name, SequenceOptions Options, ColumnRef? OwnedBy);

internal sealed record ColumnRef(QualifiedName Table, string Column)
{
    public override string ToString() => $"{Table}.{Column}";
}

internal sealed class TableModel(QualifiedName name)
{
    public QualifiedName Name { get; set; } = name;

    public bool Unlogged { get; set; }

    public string? Comment { get; set; }

    /// <summary>Columns in their physical (attnum) order.</summary>
    public List<ColumnModel> Columns { get; } = [];

    public Dictionary<string, ConstraintModel> Constraints { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IndexModel> Indexes { get; } = new(StringComparer.Ordinal);

    public ColumnModel? FindColumn(string column) => Columns.Find(c => c.Name == column);
}

/// <summary>
/// One column. <see cref="Default"/> is the deparsed default expression; a <c>nextval</c> on the column's own
/// serial sequence is replaced by <see cref="OwnedSequenceToken"/> so that the sequence's name (which follows
/// the table's name) does not make two otherwise equal columns differ.
/// </summary>
internal sealed record ColumnModel(
    string Name,
    string DataType,
    bool NotNull,
    string? Default,
    char Identity,
    SequenceOptions? IdentityOptions,
    string? GeneratedExpression,
    string? Collation,
    string? Comment)
{
    public const string OwnedSequenceToken = "nextval(<owned sequence>)";

    public bool IsIdentity => Identity is 'a' or 'd';

    public bool IsGenerated => GeneratedExpression is not null;
}

internal enum ConstraintKind
{
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclusion,
}

/// <summary>
/// A table constraint. Foreign keys are kept structurally (so renames can be applied to them); the others keep
/// the deparsed definition text.
/// </summary>
internal sealed record ConstraintModel(
    string Name,
    ConstraintKind Kind,
    string Definition,
    bool Validated,
    ForeignKeyModel? ForeignKey)
{
    /// <summary>The table's columns the constraint uses; not part of its identity (compared by kind and definition).</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];
}

internal sealed record ForeignKeyModel(
    IReadOnlyList<string> Columns,
    QualifiedName PrincipalTable,
    IReadOnlyList<string> PrincipalColumns,
    char OnUpdate,
    char OnDelete,
    char Match,
    bool Deferrable,
    bool InitiallyDeferred)
{
    public bool Equivalent(ForeignKeyModel other)
        => Columns.SequenceEqual(other.Columns, StringComparer.Ordinal)
           && PrincipalTable == other.PrincipalTable
           && PrincipalColumns.SequenceEqual(other.PrincipalColumns, StringComparer.Ordinal)
           && OnUpdate == other.OnUpdate && OnDelete == other.OnDelete && Match == other.Match
           && Deferrable == other.Deferrable && InitiallyDeferred == other.InitiallyDeferred;
}

/// <summary>
/// An index that does not back a constraint. <see cref="Definition"/> is everything after
/// <c>ON table</c> in <c>pg_get_indexdef</c>: method, keys, INCLUDE, NULLS NOT DISTINCT, WITH, WHERE.
/// </summary>
internal sealed record IndexModel(string Name, bool Unique, string Definition, bool Valid)
{
    /// <summary>The table's columns the index uses (keys, INCLUDE, expressions, predicate); not part of its identity.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    // Equality (which decides "changed") is by name, uniqueness, definition and validity only.
    public bool Equals(IndexModel? other)
        => other is not null && Name == other.Name && Unique == other.Unique && Definition == other.Definition && Valid == other.Valid;

    public override int GetHashCode() => HashCode.Combine(Name, Unique, Definition, Valid);
}
