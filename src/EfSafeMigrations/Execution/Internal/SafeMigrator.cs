using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using EfSafeMigrations.Scripts.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Npgsql's migrator, unchanged for <c>Migrate()</c> (type reload after enums and extensions included), opened
/// up so the safe runner can ask it, the way EF itself does, which migrations to apply or revert and which
/// commands each one is (history insert/delete included). Scripts (<c>dotnet ef migrations script</c>) are
/// written by <see cref="SafeScriptGenerator"/>: runnable in psql, steps and journal as the safe runner has them.
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

    /// <summary>What migrating to <paramref name="targetMigration"/> means, given the applied ids (EF's own rules).</summary>
    public (IReadOnlyList<Migration> ToApply, IReadOnlyList<Migration> ToRevert, Migration? Target) Select(
        IEnumerable<string> appliedMigrationIds, string? targetMigration)
    {
        PopulateMigrations(appliedMigrationIds, targetMigration!, out var data);
        return (data.AppliedMigrations, data.RevertedMigrations, data.TargetMigration);
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
}
