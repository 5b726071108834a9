using EfSafeMigrations.Deployment.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Npgsql's migrator, unchanged for scripts, opened up so the safe runner can ask it, the way EF itself does, which
/// migrations to apply or revert and which commands each one is (history insert/delete included). <c>Migrate()</c> and
/// <c>MigrateAsync()</c> go through the safe runner (<see cref="MigrateRouter"/>) unless the user opted out; the runner
/// only ever asks this class for plans and commands, never calls back into <c>Migrate</c>.
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
    private readonly ICurrentDbContext _currentContext = currentContext;

    /// <inheritdoc />
    public override void Migrate(string? targetMigration)
    {
        if (MigrateRouter.For(_currentContext.Context) is { } router)
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
        => MigrateRouter.For(_currentContext.Context) is { } router
            ? router.MigrateAsync(targetMigration, cancellationToken)
            : base.MigrateAsync(targetMigration, cancellationToken);

    /// <summary>What migrating to <paramref name="targetMigration"/> means, given the applied ids (EF's own rules).</summary>
    public (IReadOnlyList<Migration> ToApply, IReadOnlyList<Migration> ToRevert, Migration? Target) Select(
        IEnumerable<string> appliedMigrationIds, string? targetMigration)
    {
        PopulateMigrations(appliedMigrationIds, targetMigration!, out var data);
        return (data.AppliedMigrations, data.RevertedMigrations, data.TargetMigration);
    }

    public IReadOnlyList<MigrationCommand> UpCommands(Migration migration)
        => GenerateUpSql(migration, MigrationsSqlGenerationOptions.Default);

    public IReadOnlyList<MigrationCommand> DownCommands(Migration migration, Migration? previousMigration)
        => GenerateDownSql(migration, previousMigration, MigrationsSqlGenerationOptions.Default);
}
