using EfSafeMigrations.Infrastructure.Internal;
using EfSafeMigrations.Execution;
using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Journal.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EfSafeMigrations.Check;

/// <summary>
/// <c>CheckAsync</c>: journal consistency, pending model changes, drift between the model and the live
/// database, pending migrations. Changes nothing (migrations applied by plain EF are only reported as
/// to be adopted).
/// </summary>
internal static class SchemaCheck
{
    public static async Task<CheckResult> RunAsync(DbContext context, CheckOptions options, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        var migrationsAssembly = context.GetService<IMigrationsAssembly>();
        var provider = context.Database.ProviderName!;
        var all = migrationsAssembly.Migrations.Select(m => (m.Key, migrationsAssembly.CreateMigration(m.Value, provider))).ToList();
        var journalOptions = context.GetService<IDbContextOptions>().FindExtension<Infrastructure.Internal.SafeMigrationsOptionsExtension>()?.Options.Journal
            ?? new JournalOptions();

        if (options.PendingModelChanges && context.Database.HasPendingModelChanges())
        {
            findings.Add(new CheckFinding(CheckOutcome.PendingModelChanges, "PENDING_MODEL_CHANGES", CheckSeverity.Error, null,
                "the model has changes that no migration captures (the model differs from the model snapshot)",
                "Add a migration: dotnet ef migrations add <Name>"));
        }

        IReadOnlyList<string> applied;
        try
        {
            applied = [.. await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)];
        }
        catch (NpgsqlException e)
        {
            if (options.Journal)
            {
                findings.InsertRange(0, JournalVerification.VerifyFile(context, journalOptions, JournalVerification.Compile(all)).Select(ToFinding));
            }

            findings.Add(new CheckFinding(CheckOutcome.DatabaseUnreachable, "DATABASE_UNREACHABLE", CheckSeverity.Error, null,
                "the database could not be reached, so the database journal, drift and pending migrations were not checked: " + e.Message,
                "Check the connection string and that the server is up"));
            return new CheckResult(findings);
        }

        if (options.Journal)
        {
            var problems = await JournalVerification.RunAsync(context, journalOptions, all, applied, adopt: false, null, cancellationToken).ConfigureAwait(false);
            findings.InsertRange(0, problems.Select(ToFinding));
        }

        // Post-deployment migrations that wait are expected to be pending: drift is still checked, against what the applied
        // migrations build, with what the open expansions keep and the waiting migrations change explained (ExpansionDrift).
        var phase = PostDeploymentStatusReader.Of(context, applied);
        var waiting = phase.Waiting.ToHashSet(StringComparer.Ordinal);
        var pending = all.Select(m => m.Key).Except(applied, StringComparer.Ordinal).Where(id => !waiting.Contains(id)).ToList();
        if (options.Drift)
        {
            if (pending.Count > 0)
            {
                findings.Add(new CheckFinding(CheckOutcome.DatabaseDrift, "DRIFT_SKIPPED", CheckSeverity.Info, null,
                    "drift was not checked because migrations are pending: the database is expected to differ from the model", "Apply the pending migrations"));
            }
            else
            {
                var replayed = waiting.Count == 0 ? null : applied.ToHashSet(StringComparer.Ordinal);
                var (full, whyNot) = await PushDriftDetector.CompareAsync(context, options.ShadowConnectionString, cancellationToken, replayed)
                    .ConfigureAwait(false);
                var unqualified = SearchPath.FirstSchema(context.Database.GetConnectionString() ?? string.Empty) ?? "public";
                var waitingMigrations = all.Where(m => waiting.Contains(m.Key)).Select(m => (m.Key, m.Item2)).ToList();
                if (full is not null)
                {
                    findings.AddRange(ExpansionDrift.Explain(full, phase.OpenExpansions, waitingMigrations, unqualified));
                }
                else
                {
                    findings.Add(new CheckFinding(CheckOutcome.DatabaseDrift, "DRIFT_BASIC", CheckSeverity.Info, null,
                        "compared tables and columns only (types, nullability): the full comparison builds the model in a shadow database, which failed: " + whyNot,
                        "Set CheckOptions.ShadowConnectionString to a server where a role may CREATE DATABASE, or grant the role CREATEDB"));
                    findings.AddRange(ExpansionDrift.Explain(
                        [.. await DriftAsync(context, cancellationToken).ConfigureAwait(false)], phase.OpenExpansions, waitingMigrations, unqualified));
                }
            }
        }

        if (options.PendingMigrations)
        {
            findings.AddRange(pending.Select(id => new CheckFinding(CheckOutcome.PendingMigrations, "PENDING_MIGRATION",
                options.PendingMigrationsAreErrors ? CheckSeverity.Error : CheckSeverity.Info, id,
                $"migration '{id}' is not applied to the database", "Apply it: await db.Database.MigrateSafelyAsync()")));
            findings.AddRange(phase.Waiting.Select(id => new CheckFinding(CheckOutcome.PendingMigrations, "PENDING_POST_DEPLOYMENT", CheckSeverity.Info, id,
                $"post-deployment migration '{id}' waits for the rollout to finish", "Once no old application version runs: migrate --post-deployment")));
        }

        return new CheckResult(findings);
    }

    private static async Task<IEnumerable<CheckFinding>> DriftAsync(DbContext context, CancellationToken cancellationToken)
    {
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        // Unqualified tables live in the search path's first schema: a tenant's schema, or public.
        var unqualified = SearchPath.FirstSchema(connection.ConnectionString) ?? "public";
        var schemas = model.Tables.Select(t => t.Schema ?? unqualified).Append(unqualified).Distinct(StringComparer.Ordinal).ToList();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var (tables, columns) = await LiveSchemaReader.ReadAsync(connection, schemas, cancellationToken).ConfigureAwait(false);
            return DriftDetector.Compare(model, tables, columns, unqualified).ToList();
        }
        finally
        {
            if (opened)
            {
                await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    private static CheckFinding ToFinding(JournalProblem problem)
        => new(CheckOutcome.JournalInconsistent, problem.Code, problem.Severity switch
        {
            PreflightSeverity.Error => CheckSeverity.Error,
            PreflightSeverity.Warning => CheckSeverity.Warning,
            _ => CheckSeverity.Info,
        }, problem.MigrationId, problem.Message, problem.Fix);
}
