using EfSafeMigrations;
using EfSafeMigrations.Check;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Checks journal, model, snapshot and live database for drift (see docs/journal.md#check).</summary>
public static class SafeMigrationsCheckExtensions
{
    /// <summary>
    /// Runs the checks and returns every finding with a distinct outcome per kind of problem: journal
    /// inconsistency, pending model changes, drift between the model and the live database, pending
    /// migrations. Changes nothing. <see cref="CheckResult.ExitCode"/> and <see cref="CheckResult.ToJson"/> are for CI.
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="configure">Which checks to run (all by default).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static Task<CheckResult> CheckAsync(
        this Infrastructure.DatabaseFacade database, Action<CheckOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var options = new CheckOptions();
        configure?.Invoke(options);
        return SchemaCheck.RunAsync(database.ContextOf(), options, cancellationToken);
    }
}
