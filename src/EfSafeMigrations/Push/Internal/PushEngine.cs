using System.Data;
using EfSafeMigrations.Journal.Database;
using EfSafeMigrations.Push.Internal.Applying;
using EfSafeMigrations.Push.Internal.Catalog;
using EfSafeMigrations.Push.Internal.Linting;
using EfSafeMigrations.Push.Internal.Planning;
using EfSafeMigrations.Push.Internal.Shadow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.Push.Internal;

/// <summary>
/// Push, end to end: read the live database, build and read the desired one in a shadow database, apply
/// rename hints, diff, then (unless it is a dry run or refused) apply. Planning never writes to the target.
/// </summary>
internal sealed class PushEngine(IPushPlanApplier applier, IPushPlanLinter linter)
{
    public static PushEngine Default { get; } = new(new ExecutorPushApplier(), new CataloguePushPlanLinter());

    public async Task<PushResult> PushAsync(DbContext context, PushOptions options, CancellationToken cancellationToken)
    {
        await using var session = await Session.OpenAsync(context, cancellationToken);
        if (!options.AllowMigrationHistory)
        {
            await RefuseMigratedDatabaseAsync(session, cancellationToken);
        }

        var plan = await PlanAsync(session, options, cancellationToken);
        if (options.DryRun)
        {
            return new PushResult(plan, applied: false, executedSteps: 0);
        }

        if (plan.IsRefused)
        {
            throw PushRefusedException.ForPlan(plan);
        }

        var executed = plan.Steps.Count == 0 ? 0 : await applier.ApplyAsync(session.Context, session.Connection, plan, options, cancellationToken);
        if (plan.Steps.Any(s => s.Kind is PushStepKind.CreateEnum or PushStepKind.AddEnumValue or PushStepKind.CreateExtension))
        {
            // As Npgsql's migrator does: the data source learned the database's types before they existed.
            await session.Connection.ReloadTypesAsync(cancellationToken);
        }

        return new PushResult(plan, applied: true, executed);
    }

    /// <param name="context">The context whose database is planned against.</param>
    /// <param name="options">Push options (shadow server, renames, allow-list).</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <param name="desiredSchema">
    /// What to plan towards: by default the model's create script (<see cref="DesiredSchemaBuilder"/>); check also
    /// plans towards the replayed migrations (<see cref="MigratedSchemaBuilder"/>).
    /// </param>
    public async Task<PushPlan> PlanAsync(
        DbContext context, PushOptions options, CancellationToken cancellationToken, DesiredSchemaSource? desiredSchema = null)
    {
        await using var session = await Session.OpenAsync(context, cancellationToken);
        return await PlanAsync(session, options, cancellationToken, desiredSchema);
    }

    private async Task<PushPlan> PlanAsync(
        Session session, PushOptions options, CancellationToken cancellationToken, DesiredSchemaSource? desiredSchema = null)
    {
        var context = session.Context;
        var designModel = context.GetService<IDesignTimeModel>().Model;
        var defaultSchema = designModel.GetDefaultSchema() ?? "public";
        var allowList = new AllowList(options.AllowDataLoss, defaultSchema);
        var (tableRenames, columnRenames) = RenameHints.Parse(options.Renames, defaultSchema);
        var excluded = new HashSet<string>(StringComparer.Ordinal) { session.HistoryTable.Name, JournalTable.Name, Backfill.Internal.BackfillCheckpoints.Name };

        var live = await CatalogReader.ReadAsync(session.Connection, excluded, cancellationToken);
        var desired = await (desiredSchema ?? DesiredSchemaBuilder.BuildAsync)(
            context, designModel, session.Connection, options.ShadowConnectionString, excluded, cancellationToken);
        if (live.ServerMajorVersion != desired.ServerMajorVersion)
        {
            throw new InvalidOperationException(
                $"The shadow server runs PostgreSQL {desired.ServerMajorVersion} but the target runs {live.ServerMajorVersion}; " +
                "deparsed definitions differ between major versions. Point PushOptions.ShadowConnectionString at a server of the same major version.");
        }

        var sql = new PushSql(context.GetService<ISqlGenerationHelper>());
        var plan = new PlanBuilder(allowList);
        var renames = new RenameApplier(live, desired, sql, plan);
        renames.Apply(tableRenames, columnRenames);
        var differ = new SchemaDiffer(
            live, desired, sql, plan, renames, new LiveData(session.Connection, sql),
            new ModelFillValues(designModel.GetRelationalModel(), defaultSchema), options.ConcurrentIndexes);
        await differ.DiffAsync(cancellationToken);
        foreach (var finding in linter.Lint(context, plan.Steps, live.ServerMajorVersion)
                     .Concat(SeedDataWarnings.For(designModel, plan.Steps, defaultSchema)))
        {
            plan.Warning(finding);
        }

        return plan.Build();
    }

    private static async Task RefuseMigratedDatabaseAsync(Session session, CancellationToken cancellationToken)
    {
        await using var command = session.Connection.CreateCommand();
        var name = session.Context.GetService<ISqlGenerationHelper>().DelimitIdentifier(session.HistoryTable.Name, session.HistoryTable.Schema);
        command.CommandText = "SELECT to_regclass(@name) IS NOT NULL";
        command.Parameters.Add(new NpgsqlParameter("name", name));
        if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            return;
        }

        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {name})";
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            throw new PushRefusedException(
                $"Push refused: the database has migration history ({name} has rows), so migrations manage it. Apply migrations " +
                "instead (MigrateSafelyAsync), push to a development database, or set PushOptions.AllowMigrationHistory to push anyway.",
                plan: null);
        }
    }

    /// <summary>The context's connection, opened for the push and closed after if push opened it.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private Session(DbContext context, NpgsqlConnection connection, QualifiedName historyTable)
        {
            Context = context;
            Connection = connection;
            HistoryTable = historyTable;
        }

        public DbContext Context { get; }

        public NpgsqlConnection Connection { get; }

        public QualifiedName HistoryTable { get; }

        public static async Task<Session> OpenAsync(DbContext context, CancellationToken cancellationToken)
        {
            if (context.Database.GetDbConnection() is not NpgsqlConnection connection)
            {
                throw new InvalidOperationException("PushAsync needs the Npgsql provider: configure the context with UseNpgsql(...).");
            }

            if (context.Database.CurrentTransaction is not null)
            {
                throw new InvalidOperationException(
                    "PushAsync cannot run inside a transaction: it manages its own (and builds indexes concurrently outside one). " +
                    "Commit or dispose the context's transaction first.");
            }

            var options = RelationalOptionsExtension.Extract(context.GetService<IDbContextOptions>());
            var model = context.GetService<IDesignTimeModel>().Model;
            var history = new QualifiedName(
                options.MigrationsHistoryTableSchema ?? model.GetDefaultSchema() ?? "public",
                options.MigrationsHistoryTableName ?? HistoryRepository.DefaultTableName);

            await context.Database.OpenConnectionAsync(cancellationToken);
            return new Session(context, connection, history);
        }

        public async ValueTask DisposeAsync()
        {
            if (Connection.State == ConnectionState.Open)
            {
                await Context.Database.CloseConnectionAsync();
            }
        }
    }
}
