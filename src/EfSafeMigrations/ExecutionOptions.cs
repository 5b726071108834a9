namespace EfSafeMigrations;

/// <summary>How migrations are applied: the cross-process lock, lock and statement timeouts, retries.</summary>
public sealed class ExecutionOptions
{
}
