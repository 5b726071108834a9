using EfSafeMigrations.Execution.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EfSafeMigrations.Push.Internal.Applying;

/// <summary>
/// Applies a push plan with the shared executor of <c>MigrateSafelyAsync</c>, as three kinds of step: each enum
/// value on its own outside a transaction (so later statements may use it), every other change in one
/// transaction (all or nothing), then each concurrent index build outside a transaction. The executor brings
/// the lock and statement timeouts, retries with backoff, blockers named in the error, and the dropping of an
/// INVALID index a failed build left.
/// </summary>
internal sealed class ExecutorPushApplier : IPushPlanApplier
{
    private const string Label = "push";

    public async Task<int> ApplyAsync(
        DbContext context, NpgsqlConnection connection, PushPlan plan, PushOptions options, CancellationToken cancellationToken)
    {
        var execution = new ExecutionOptions
        {
            LockTimeout = options.LockTimeout,
            StatementTimeout = options.StatementTimeout,
            MaxAttempts = options.MaxRetries + 1,
        };
        var steps = Steps(plan, options);
        var report = new SafeMigrationReport();

        // A second session looks up who blocks a statement that waits for a lock, for the error message.
        await using var monitor = connection.CloneWith(connection.ConnectionString);
        await monitor.OpenAsync(cancellationToken);
        var session = new ExecutionSession
        {
            Connection = connection,
            MonitorConnection = monitor,
            Options = execution,
            Logger = context.GetService<ILoggerFactory>().CreateLogger("EfSafeMigrations.Push"),
            Report = report,
        };

        try
        {
            await new PlanExecutor(context.GetService<ISqlGenerationHelper>()).ExecuteAsync(session, steps, Label, cancellationToken);
        }
        catch (PlanStepFailedException failure)
        {
            // The executor has already dropped the INVALID index a failed concurrent build left (when nothing blocked the drop).
            throw new SafeMigrationException(failure.Message, report, failure.InnerException, Label, failure.Blockers);
        }

        return steps.Sum(s => s.Statements.Count);
    }

    private static List<PlanStep> Steps(PushPlan plan, PushOptions options)
    {
        var steps = new List<PlanStep>();
        PlannedStatement Ddl(PushStep step)
            => new(step.Sql, PlannedStatementKind.Ddl, options.LockTimeout, options.StatementTimeout, []);

        foreach (var step in plan.Steps.Where(s => s.Kind == PushStepKind.AddEnumValue))
        {
            steps.Add(new PlanStep(steps.Count + 1, transactional: false, [Ddl(step)]));
        }

        var inside = plan.Steps.Where(s => !s.RunsOutsideTransaction).Select(Ddl).ToList();
        if (inside.Count > 0)
        {
            steps.Add(new PlanStep(steps.Count + 1, transactional: true, inside));
        }

        foreach (var step in plan.Steps.Where(s => s.Kind == PushStepKind.CreateIndexConcurrently))
        {
            // No statement timeout for a concurrent build: it holds no lock that blocks writers.
            steps.Add(new PlanStep(steps.Count + 1, transactional: false,
                [new PlannedStatement(step.Sql, PlannedStatementKind.ConcurrentIndex, options.LockTimeout, TimeSpan.Zero, ["concurrent-index"],
                    step.Index?.Schema, step.Index?.Name)]));
        }

        return steps;
    }
}
