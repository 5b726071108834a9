namespace EfSafeMigrations;

/// <summary>One statement of a push plan.</summary>
public sealed class PushStep
{
    internal PushStep(PushStepKind kind, string target, string sql, string? dataLoss, string? allowListEntry, bool allowed)
    {
        Kind = kind;
        Target = target;
        Sql = sql;
        DataLoss = dataLoss;
        AllowListEntry = allowListEntry;
        IsAllowed = allowed;
    }

    /// <summary>What the step does.</summary>
    public PushStepKind Kind { get; }

    /// <summary>The object it changes, schema-qualified (<c>public.users</c>, <c>public.users.email</c>).</summary>
    public string Target { get; }

    /// <summary>The SQL statement.</summary>
    public string Sql { get; }

    /// <summary>Why the step can lose data, or null when it cannot.</summary>
    public string? DataLoss { get; }

    /// <summary>The <see cref="PushOptions.AllowDataLoss"/> entry that accepts this step, or null when none is needed.</summary>
    public string? AllowListEntry { get; }

    /// <summary>False when the step can lose data and its object is not in the allow-list: push refuses the plan.</summary>
    public bool IsAllowed { get; }

    /// <summary>True when the step runs outside the main transaction (enum values, concurrent index builds).</summary>
    public bool RunsOutsideTransaction => Kind is PushStepKind.AddEnumValue or PushStepKind.CreateIndexConcurrently;

    /// <summary>For an index build: the index, so a failed concurrent build's INVALID leftover can be dropped.</summary>
    internal Push.Internal.Catalog.QualifiedName? Index { get; init; }

    /// <inheritdoc />
    public override string ToString() => DataLoss is null ? Sql : $"{Sql} -- data loss: {DataLoss}";
}
