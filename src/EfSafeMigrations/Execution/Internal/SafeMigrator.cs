using System.Reflection;
using EfSafeMigrations.Deployment.Internal;
using EfSafeMigrations.Scripts.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Npgsql's migrator (type reload after enums and extensions included), opened up so the safe runner can ask it, the way
/// EF itself does, which migrations to apply or revert and which commands each one is (history insert/delete included).
/// <c>Migrate()</c> and <c>MigrateAsync()</c> go through the safe runner (<see cref="MigrateRouter"/>) unless the user opted
/// out; the runner only ever asks this class for plans and commands, never calls back into <c>Migrate</c>. Scripts
/// (<c>dotnet ef migrations script</c>) are written by <see cref="SafeScriptGenerator"/>: runnable in psql, steps and journal
/// as the safe runner has them.
/// </summary>
internal sealed class SafeMigrator(
    IMigrationsAssembly migrationsAssembly,
    IHistoryRepository historyRepository,
    IDatabaseCreator databaseCreator,
    IMigrationsSqlGenerator migrationsSqlGenerator,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IMigrationCommandExecutor migrationCommandExecutor,
    IRelationalConnection connection,
    ISqlGenerationHelper sqlGenerationHelper,
    ICurrentDbContext currentContext,
    IModelRuntimeInitializer modelRuntimeInitializer,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger,
    IRelationalCommandDiagnosticsLogger commandLogger,
    IDatabaseProvider databaseProvider,
    IMigrationsModelDiffer migrationsModelDiffer,
    IDesignTimeModel designTimeModel,
    IDbContextOptions contextOptions,
    IExecutionStrategy executionStrategy)
    : NpgsqlMigrator(migrationsAssembly, historyRepository, databaseCreator, migrationsSqlGenerator, rawSqlCommandBuilder,
        migrationCommandExecutor, connection, sqlGenerationHelper, currentContext, modelRuntimeInitializer, logger, commandLogger,
        databaseProvider, migrationsModelDiffer, designTimeModel, contextOptions, executionStrategy)
{
    private readonly ScriptServices _scripts = new(migrationsAssembly, historyRepository, sqlGenerationHelper, currentContext, contextOptions);
    private readonly IHistoryRepository _history = historyRepository;
    private readonly IMigrationsSqlGenerator _generator = migrationsSqlGenerator;
    private readonly IRawSqlCommandBuilder _rawSql = rawSqlCommandBuilder;
    private readonly ICurrentDbContext _context = currentContext;

    // Set while the safe runner or the script generator selects migrations: they run (or describe) typed backfills.
    private bool _typedBackfillsAllowed;
    private readonly IModelRuntimeInitializer _modelInitializer = modelRuntimeInitializer;
    private readonly IRelationalCommandDiagnosticsLogger _commandLogger = commandLogger;

    // An empty model that only says which EF wrote it: enough for a scaffolded AlterColumn (see TargetModelDemand).
    private readonly Lazy<IModel> _versionOnlyModel = new(() =>
    {
        var builder = new ModelBuilder();
        builder.HasAnnotation("ProductVersion", ProductInfo.GetVersion());
        return modelRuntimeInitializer.Initialize(builder.FinalizeModel());
    });

    /// <inheritdoc />
    public override void Migrate(string? targetMigration)
    {
        if (MigrateRouter.For(_context.Context) is { } router)
        {
            router.Migrate(targetMigration);
        }
        else
        {
            base.Migrate(targetMigration);
        }
    }

    /// <inheritdoc />
    public override Task MigrateAsync(string? targetMigration, CancellationToken cancellationToken = default)
        => MigrateRouter.For(_context.Context) is { } router
            ? router.MigrateAsync(targetMigration, cancellationToken)
            : base.MigrateAsync(targetMigration, cancellationToken);

    /// <summary>What migrating to <paramref name="targetMigration"/> means, given the applied ids (EF's own rules).</summary>
    public (IReadOnlyList<Migration> ToApply, IReadOnlyList<Migration> ToRevert, Migration? Target) Select(
        IEnumerable<string> appliedMigrationIds, string? targetMigration)
    {
        _typedBackfillsAllowed = true;
        try
        {
            PopulateMigrations(appliedMigrationIds, targetMigration!, out var data);
            return (data.AppliedMigrations, data.RevertedMigrations, data.TargetMigration);
        }
        finally
        {
            _typedBackfillsAllowed = false;
        }
    }

    /// <summary>
    /// Plain <c>Migrate()</c> (and anything else of EF's that picks migrations to apply) stops before the first migration
    /// runs when one holds a typed C# backfill, which only <c>MigrateSafelyAsync</c> can run: failing at that step instead
    /// would leave the steps before it applied and the migration unrecorded.
    /// </summary>
    protected override void PopulateMigrations(IEnumerable<string> appliedMigrationEntries, string? targetMigration, out MigratorData parameters)
    {
        base.PopulateMigrations(appliedMigrationEntries, targetMigration, out parameters);
        if (!_typedBackfillsAllowed && parameters.AppliedMigrations.FirstOrDefault(m => m.UpOperations.Any(o => o is BackfillOperation { Typed: not null })) is { } typed)
        {
            var backfill = typed.UpOperations.OfType<BackfillOperation>().First(o => o.Typed is not null);
            throw new InvalidOperationException(
                $"Migration {MigrationPlanBuilder.IdOf(typed)} holds a typed C# backfill of {backfill.Table} (Backfill<{backfill.RowType}>), which runs only " +
                "under MigrateSafelyAsync (its code is C#, not SQL); nothing was applied. Apply the migrations with " +
                "Database.MigrateSafelyAsync() or the migrate command.");
        }
    }

    public IReadOnlyList<MigrationCommand> UpCommands(Migration migration, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
        => GenerateUpSql(migration, options);

    public IReadOnlyList<MigrationCommand> DownCommands(
        Migration migration, Migration? previousMigration, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
        => GenerateDownSql(migration, previousMigration, options);

    /// <summary>What <c>dotnet ef migrations script</c> calls: a script psql runs as written (see docs/deployment.md).</summary>
    public override string GenerateScript(
        string? fromMigration = null, string? toMigration = null, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
        => new SafeScriptGenerator(this, _scripts).Generate(fromMigration, toMigration, options);

    // EF's own composition (operations, then the history row, suppressed with them), with the target model built
    // only where the generators read it (TargetModelDemand): same SQL, without EF's per-migration model cost.
    protected override IReadOnlyList<MigrationCommand> GenerateUpSql(
        Migration migration, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
        => WithHistoryCommand(
            _generator.Generate(migration.UpOperations, ModelFor(migration.UpOperations, migration), options),
            _history.GetInsertScript(new HistoryRow(MigrationPlanBuilder.IdOf(migration), ProductInfo.GetVersion())));

    protected override IReadOnlyList<MigrationCommand> GenerateDownSql(
        Migration migration, Migration? previousMigration,
        MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
        => WithHistoryCommand(
            _generator.Generate(migration.DownOperations, ModelFor(migration.DownOperations, previousMigration), options),
            _history.GetDeleteScript(MigrationPlanBuilder.IdOf(migration)));

    internal IModel? ModelFor(IReadOnlyList<MigrationOperation> operations, Migration? modelSource)
        => modelSource is null ? null : TargetModelDemand.Of(operations) switch
        {
            TargetModelNeed.None => null,
            TargetModelNeed.ProductVersion when HasDesignerModel(modelSource) => _versionOnlyModel.Value,
            TargetModelNeed.DefaultSchema => modelSource.TargetModel,
            _ => modelSource.TargetModel is { } model ? _modelInitializer.Initialize(model) : null,
        };

    // Without a Designer file the target model is empty and carries no version (cheap to build, and EF then
    // generates AlterColumn without comparing old types): only a Designer's model is replaced by the version.
    private static bool HasDesignerModel(Migration migration)
        => migration.GetType().GetMethod("BuildTargetModel", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(ModelBuilder)])
            ?.DeclaringType != typeof(Migration);

    private IReadOnlyList<MigrationCommand> WithHistoryCommand(IReadOnlyList<MigrationCommand> commands, string historySql)
        =>
        [
            .. commands,
            new MigrationCommand(
                _rawSql.Build(historySql), _context.Context, _commandLogger,
                transactionSuppressed: commands.Any(c => c.TransactionSuppressed)),
        ];
}
