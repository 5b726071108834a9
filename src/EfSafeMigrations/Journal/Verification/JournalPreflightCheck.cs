using EfSafeMigrations.Execution;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>
/// Journal verification before <c>MigrateSafelyAsync</c> applies anything: the journal file against the
/// compiled migrations, then the database journal against them; migrations applied by plain EF are
/// adopted (recorded as a baseline) when nothing else is wrong. Any error stops the run.
/// </summary>
internal sealed class JournalPreflightCheck : IMigrationPreflightCheck
{
    public async Task<IReadOnlyList<PreflightProblem>> RunAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Options.Journal.Verify)
        {
            return [];
        }

        var problems = await JournalVerification.RunAsync(context.Context, context.Options.Journal, context.AllMigrations, context.AppliedMigrationIds,
            adopt: !context.DryRun, context.Options.Execution.ApplicationName, cancellationToken).ConfigureAwait(false);
        return [.. problems.Select(p => p.ToPreflight())];
    }
}
