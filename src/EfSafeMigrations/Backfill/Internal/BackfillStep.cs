using System.Diagnostics;
using EfSafeMigrations.Execution.Internal;

namespace EfSafeMigrations.Backfill.Internal;

/// <summary>
/// A plan step that is a backfill, run by the <see cref="PlanExecutor"/>: the batches through the <see cref="BackfillRunner"/>
/// (which retries each batch itself), then the step's bookkeeping; a failure says what stays and how the next run resumes.
/// </summary>
internal static class BackfillStep
{
    public static bool Is(PlanStep step) => !step.Transactional && step.Statements is [{ Backfill: not null }];

    public static async Task<IReadOnlyList<StatementOutcome>> RunAsync(
        BackfillRunner runner, ExecutionSession session, PlanStep step, string label, StepCompleted? completed, CancellationToken cancellationToken)
    {
        var statement = step.Statements[0];
        var operation = statement.Backfill!;
        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = await runner.RunAsync(session, operation, statement, new BackfillCheckpointId(label, step.Number), cancellationToken)
                .ConfigureAwait(false);
            session.Report.BackfillList.Add(outcome);
        }
        catch (StatementFailedException failure)
        {
            var inner = failure.InnerException!;
            var cause = RetryPolicy.IsRetryable(inner)
                ? $"a batch could not get its row locks within the lock timeout in {Math.Max(1, session.Options.MaxAttempts)} attempt(s); " +
                  $"blocked by {BlockerMonitor.Describe(failure.Blockers)}"
                : SecretRedactor.Redact(inner.Message);
            throw new PlanStepFailedException(
                $"{label}: step {step.Number} (backfill of {operation.Table}) failed: {cause}. The batch in flight was rolled back; the batches " +
                "committed before it stay, with their checkpoint in the journal: run again to resume at the next batch.",
                step, statement, 1, failure.Blockers, inner);
        }
        catch (BackfillRefusedException refused)
        {
            throw new PlanStepFailedException($"{label}: step {step.Number}: {refused.Message} Nothing of this step ran.", step, statement, 1, [], refused);
        }

        if (completed is not null)
        {
            await completed(session.Connection, null, cancellationToken).ConfigureAwait(false);
        }

        return [new StatementOutcome(step.Number, statement.Sql, false, clock.Elapsed, 1, statement.Rewrites, Skipped: false)];
    }
}
