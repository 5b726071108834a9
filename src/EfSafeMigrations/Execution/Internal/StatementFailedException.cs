namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// A statement of a step failed, or a statement the executor ran on the step's behalf (a catalog check, the
/// cleanup of an INVALID index): the step's retry policy decides on it either way. Carries the blockers the
/// monitor saw while it waited, and what the executor was doing when it was not the step's own statement.
/// </summary>
internal sealed class StatementFailedException(IReadOnlyList<BlockingSession> blockers, Exception inner, string? activity = null)
    : Exception(inner.Message, inner)
{
    public IReadOnlyList<BlockingSession> Blockers { get; } = blockers;

    /// <summary>Null for the step's own statement; otherwise, for example, "dropping the INVALID index ... first".</summary>
    public string? Activity { get; } = activity;
}
