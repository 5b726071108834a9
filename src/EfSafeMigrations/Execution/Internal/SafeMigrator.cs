using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Npgsql's migrator, unchanged for <c>Migrate()</c> and scripts (type reload after enums and extensions
/// included), opened up so the safe runner can ask it, the way EF itself does, which migrations to apply
/// or revert and which commands each one is (history insert/delete included).
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
    // Set while the safe runner selects (it runs typed backfills) or a script is generated (it says so in the script).
    private bool _typedBackfillsAllowed;

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

    public override string GenerateScript(string? fromMigration = null, string? toMigration = null, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
    {
        _typedBackfillsAllowed = true;
        try
        {
            return base.GenerateScript(fromMigration, toMigration, options);
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

    public IReadOnlyList<MigrationCommand> UpCommands(Migration migration)
        => GenerateUpSql(migration, MigrationsSqlGenerationOptions.Default);

    public IReadOnlyList<MigrationCommand> DownCommands(Migration migration, Migration? previousMigration)
        => GenerateDownSql(migration, previousMigration, MigrationsSqlGenerationOptions.Default);
}
