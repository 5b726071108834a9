using System.Reflection;
using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Journal;
using EfSafeMigrations.Journal.Database;
using EfSafeMigrations.Journal.Verification;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>A planned migration with the compiled migration behind it; <c>EarlierAttempt</c>: the journal shows an unfinished run of it.</summary>
internal sealed record PlanItem(PlannedMigration Planned, Migration Migration, bool EarlierAttempt);

/// <summary>
/// Which migrations to apply or revert (EF's own rules, through <see cref="SafeMigrator"/>, then the post-deployment phase:
/// <see cref="PhaseSelection"/>), each planned into steps, with the resume point an earlier failed run left in the journal.
/// </summary>
internal static class MigrationPlanBuilder
{
    public static async Task<IReadOnlyList<PlanItem>> PlanAsync(
        SafeMigrator safeMigrator, IReadOnlyList<string> applied, MigrateSafelyOptions call, SafeMigrationsOptions options,
        JournalTableWriter? journal, NpgsqlConnection connection, SafeMigrationReport report, CancellationToken cancellationToken)
    {
        var (toApply, toRevert, target) = SelectPhase(safeMigrator, applied, call, options, report);
        var items = new List<PlanItem>();
        for (var i = 0; i < toRevert.Count; i++)
        {
            var previous = i < toRevert.Count - 1 ? toRevert[i + 1] : target;
            var steps = MigrationPlanner.ToSteps(safeMigrator.DownCommands(toRevert[i], previous), options, historyCommandLast: true);
            items.Add(new PlanItem(new PlannedMigration(IdOf(toRevert[i]), MigrationDirection.Down, null, steps, 0), toRevert[i], false));
        }

        var unfinished = journal is null || toApply.Count == 0
            ? new Dictionary<string, JournalEntry>()
            : await journal.ReadUnfinishedAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var migration in toApply)
        {
            var id = IdOf(migration);
            var checksum = CompiledMigration.From(id, migration).Checksum;
            var steps = MigrationPlanner.ToSteps(safeMigrator.UpCommands(migration), options, historyCommandLast: true);
            var earlier = unfinished.TryGetValue(id, out var entry);
            var completed = 0;
            if (earlier && entry!.StepsCompleted > 0)
            {
                if (entry.Checksum != checksum || entry.StepsTotal != steps.Count)
                {
                    report.Plan = new MigrationPlan([.. items.Select(p => p.Planned)]);
                    throw new SafeMigrationException(
                        $"Migration {id} was partly applied by an earlier run ({entry.StepsCompleted} of {entry.StepsTotal} steps) but has " +
                        "changed since (its checksum or step count differs), so this run cannot resume it. Restore the migration as it was " +
                        "and run again, or repair the database by hand and delete its row from the journal table " +
                        $"{journal!.Table}.", report, migrationId: id);
                }

                completed = Math.Min(entry.StepsCompleted, steps.Count);
            }

            items.Add(new PlanItem(new PlannedMigration(id, MigrationDirection.Up, checksum, steps, completed), migration, earlier));
        }

        report.Plan = new MigrationPlan([.. items.Select(p => p.Planned)]);
        return items;
    }

    /// <summary>EF's selection with the post-deployment migrations this run must not apply left out (and listed in the report).</summary>
    public static (IReadOnlyList<Migration> ToApply, IReadOnlyList<Migration> ToRevert, Migration? Target) SelectPhase(
        SafeMigrator safeMigrator, IReadOnlyList<string> applied, MigrateSafelyOptions call, SafeMigrationsOptions options, SafeMigrationReport report)
    {
        var (toApply, toRevert, target) = safeMigrator.Select(applied, call.TargetMigration);
        var phase = PhaseSelection.Split(
            toApply, applied.Count, call.TargetMigration, call.ApplyPostDeployment || options.ExpandContract.ApplyPostDeployment);
        report.DeferredList.Clear();
        report.DeferredList.AddRange(phase.Deferred.Select(IdOf));
        report.PostDeploymentNote = phase.Note(IdOf);
        return (phase.ToApply, toRevert, target);
    }

    public static string IdOf(Migration migration)
        => migration.GetType().GetCustomAttribute<MigrationAttribute>()?.Id
           ?? throw new InvalidOperationException($"{migration.GetType().Name} has no [Migration] attribute.");
}
