using System.Diagnostics;
using EfSafeMigrations.DataPreflight.Internal;
using EfSafeMigrations.Execution;
using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.DataPreflight;

/// <summary>
/// The data preflight of <c>MigrateSafelyAsync</c>: before anything runs, finds the existing rows that would make a
/// pending step fail (see <see cref="DataProbePlanner"/>) and stops the run with nothing applied, naming counts and
/// sample keys. Its duration is reported as an info line.
/// </summary>
internal sealed class DataPreflightCheck : IMigrationPreflightCheck
{
    public async Task<IReadOnlyList<PreflightProblem>> RunAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options.DataPreflight;
        if (!options.Enabled || context.PendingMigrations.Count == 0)
        {
            return [];
        }

        var clock = Stopwatch.StartNew();
        var sql = context.Context.GetService<ISqlGenerationHelper>();
        var typeMappings = context.Context.GetService<IRelationalTypeMappingSource>();
        var probes = new DataProbePlanner(sql, typeMappings).Plan(context.PendingMigrations.Select(m => (m.Id, m.Migration.UpOperations)));
        if (probes.Count == 0)
        {
            return [];
        }

        return await ContextConnection.UseAsync<IReadOnlyList<PreflightProblem>>(context.Context, async connection =>
        {
            var problems = new List<PreflightProblem>();
            var runner = new DataProbeRunner(connection, sql, options);
            foreach (var probe in probes)
            {
                if (await runner.RunAsync(probe, cancellationToken).ConfigureAwait(false) is { } problem)
                {
                    problems.Add(problem);
                }
            }

            problems.Add(new PreflightProblem(DataPreflightCodes.CheckName, PreflightSeverity.Info, DataPreflightCodes.Summary, null,
                $"Data preflight: {runner.Checked} of {probes.Count} check(s) against existing rows in {clock.Elapsed.TotalMilliseconds:0} ms.",
                "Turn it off for huge tables with UseSafeMigrations(o => o.DataPreflight.Enabled = false) or limit it with MaxTableRows."));
            return problems;
        }, cancellationToken).ConfigureAwait(false);
    }
}
