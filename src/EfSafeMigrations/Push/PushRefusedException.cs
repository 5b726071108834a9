using System.Text;

namespace EfSafeMigrations;

/// <summary>
/// Push refused to run: the plan would lose data that is not in the allow-list, contains a change push cannot
/// make, or the database is managed by migrations. Nothing was executed.
/// </summary>
public sealed class PushRefusedException : InvalidOperationException
{
    internal PushRefusedException(string message, PushPlan? plan)
        : base(message) => Plan = plan;

    /// <summary>The plan that was refused, when one was computed.</summary>
    public PushPlan? Plan { get; }

    internal static PushRefusedException ForPlan(PushPlan plan)
    {
        var message = new StringBuilder("Push refused; nothing was executed.");
        foreach (var problem in plan.Problems)
        {
            message.AppendLine().Append("- ").Append(problem);
        }

        var refused = plan.RefusedSteps;
        if (refused.Count > 0)
        {
            message.AppendLine().Append("These steps lose data; to accept, add each entry to PushOptions.AllowDataLoss ")
                .Append("(or give a rename hint in PushOptions.Renames if the object was renamed):");
            foreach (var step in refused)
            {
                message.AppendLine().Append("- \"").Append(step.AllowListEntry).Append("\": ").Append(step.DataLoss);
            }
        }

        return new PushRefusedException(message.ToString(), plan);
    }
}
