using System.Text;

namespace EfSafeMigrations;

/// <summary>
/// The ordered statements that bring a database to the model, with the steps that would lose data and the
/// problems push cannot solve. An empty plan means the database already matches the model.
/// </summary>
public sealed class PushPlan
{
    internal PushPlan(IReadOnlyList<PushStep> steps, IReadOnlyList<string> problems, IReadOnlyList<string> warnings)
    {
        Steps = steps;
        Problems = problems;
        Warnings = warnings;
    }

    /// <summary>The statements, in the order they run.</summary>
    public IReadOnlyList<PushStep> Steps { get; }

    /// <summary>True when the database already matches the model.</summary>
    public bool IsEmpty => Steps.Count == 0 && Problems.Count == 0;

    /// <summary>Steps that can lose data and are not in the allow-list: while any exist, push applies nothing.</summary>
    public IReadOnlyList<PushStep> RefusedSteps => Steps.Where(s => !s.IsAllowed).ToList();

    /// <summary>Changes push cannot make as things stand (each message says what to do); while any exist, push applies nothing.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Things worth knowing that do not stop the push.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when applying the plan would be refused.</summary>
    public bool IsRefused => Problems.Count > 0 || Steps.Any(s => !s.IsAllowed);

    /// <summary>The plan as a SQL script, one statement per line, data-loss steps marked.</summary>
    public string ToSql()
    {
        var sql = new StringBuilder();
        foreach (var step in Steps)
        {
            sql.Append(step.Sql).Append(';');
            if (step.DataLoss is not null)
            {
                sql.Append(" -- data loss: ").Append(step.DataLoss);
            }

            sql.AppendLine();
        }

        return sql.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? "(empty plan: the database matches the model)" : ToSql();
}
