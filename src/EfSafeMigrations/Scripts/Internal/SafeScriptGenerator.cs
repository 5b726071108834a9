using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Infrastructure.Internal;
using EfSafeMigrations.Journal.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.Scripts.Internal;

/// <summary>
/// <c>dotnet ef migrations script [from] [to] [--idempotent]</c> with <c>UseSafeMigrations()</c>: EF's own choice of
/// migrations (its rules for <c>from</c>/<c>to</c>), each planned into the steps <c>MigrateSafelyAsync</c> runs, written
/// by <see cref="ScriptWriter"/> as a script psql runs as written. EF's idempotent form (each statement in a
/// <c>DO</c> block) cannot hold <c>CONCURRENTLY</c> or a batched fill's <c>COMMIT</c>; this one guards with psql's <c>\if</c>.
/// </summary>
internal sealed class SafeScriptGenerator(SafeMigrator migrator, ScriptServices services)
{
    private readonly IMigrationsAssembly _migrationsAssembly = services.MigrationsAssembly;
    private readonly IDbContextOptions _contextOptions = services.ContextOptions;
    private readonly DbContext _context = services.CurrentContext.Context;

    public string Generate(string? fromMigration, string? toMigration, MigrationsSqlGenerationOptions options)
    {
        var safeOptions = SafeMigrationsOptionsExtension.OptionsOf(_contextOptions);
        var fromStart = string.IsNullOrEmpty(fromMigration) || fromMigration == Migration.InitialDatabase;
        IReadOnlyList<string> applied = fromStart
            ? []
            : [.. AppliedUpTo(_migrationsAssembly.GetMigrationId(fromMigration!))];
        var (toApply, toRevert, target) = migrator.Select(applied, toMigration);

        // Statements stand on their own in this script (no DO wrapper), so they are generated without EF's Idempotent flag.
        var generation = (options | MigrationsSqlGenerationOptions.Script) & ~MigrationsSqlGenerationOptions.Idempotent;
        var migrations = new List<ScriptMigration>();
        for (var i = 0; i < toRevert.Count; i++)
        {
            var previous = i < toRevert.Count - 1 ? toRevert[i + 1] : target;
            migrations.Add(new ScriptMigration(MigrationPlanBuilder.IdOf(toRevert[i]), MigrationDirection.Down, null,
                MigrationPlanner.ToSteps(migrator.DownCommands(toRevert[i], previous, generation), safeOptions, historyCommandLast: true)));
        }

        foreach (var migration in toApply)
        {
            var id = MigrationPlanBuilder.IdOf(migration);
            migrations.Add(new ScriptMigration(id, MigrationDirection.Up, CompiledMigration.From(id, migration).Checksum,
                MigrationPlanner.ToSteps(migrator.UpCommands(migration, generation), safeOptions, historyCommandLast: true),
                PostDeployment.Is(migration)));
        }

        var provider = _context.Database.ProviderName!;
        var checksums = _migrationsAssembly.Migrations
            .Select(m => (m.Key, CompiledMigration.From(m.Key, _migrationsAssembly.CreateMigration(m.Value, provider)).Checksum))
            .ToList();
        var idempotent = options.HasFlag(MigrationsSqlGenerationOptions.Idempotent);
        var lint = ScriptLint.Lint(_context, safeOptions, toApply.Select(m => (MigrationPlanBuilder.IdOf(m), m)));
        var plan = new ScriptPlan(_context.GetType().Name, migrations, checksums, lint, idempotent,
            options.HasFlag(MigrationsSqlGenerationOptions.NoTransactions), CreatesHistoryTable: fromStart || idempotent);
        var relational = RelationalOptionsExtension.Extract(_contextOptions);
        return new ScriptWriter(plan, new ScriptSql(services.SqlGenerationHelper, relational.MigrationsHistoryTableName, relational.MigrationsHistoryTableSchema),
            services.HistoryRepository.GetCreateIfNotExistsScript(), safeOptions).Write();
    }

    /// <summary>What EF takes as applied for <c>--from</c>: every migration up to it, by id.</summary>
    private IEnumerable<string> AppliedUpTo(string fromId)
        => _migrationsAssembly.Migrations.Keys.Where(id => string.Compare(id, fromId, StringComparison.OrdinalIgnoreCase) <= 0);
}

/// <summary>The migrator's services a script needs (the migrator hands them over; EF's base class keeps its own private).</summary>
internal sealed record ScriptServices(
    IMigrationsAssembly MigrationsAssembly, IHistoryRepository HistoryRepository, ISqlGenerationHelper SqlGenerationHelper,
    ICurrentDbContext CurrentContext, IDbContextOptions ContextOptions);
