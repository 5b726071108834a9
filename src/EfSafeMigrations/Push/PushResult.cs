namespace EfSafeMigrations;

/// <summary>What a push did.</summary>
public sealed class PushResult
{
    internal PushResult(PushPlan plan, bool applied, int executedSteps)
    {
        Plan = plan;
        Applied = applied;
        ExecutedSteps = executedSteps;
    }

    /// <summary>The plan that was (or, for a dry run, would have been) applied.</summary>
    public PushPlan Plan { get; }

    /// <summary>True when the plan was executed; false for a dry run.</summary>
    public bool Applied { get; }

    /// <summary>How many statements ran.</summary>
    public int ExecutedSteps { get; }
}
