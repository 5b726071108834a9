using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EfSafeMigrations;

/// <summary>What a hook (<see cref="MigrationHookOptions"/>) is told.</summary>
public sealed class MigrationHookContext
{
    internal MigrationHookContext(DbContext context, NpgsqlConnection connection, SafeMigrationReport report, ILogger logger,
        string? migrationId, MigrationDirection? direction)
    {
        Context = context;
        Connection = connection;
        Report = report;
        Logger = logger;
        MigrationId = migrationId;
        Direction = direction;
    }

    /// <summary>The context being migrated.</summary>
    public DbContext Context { get; }

    /// <summary>
    /// The migration connection: open, outside any transaction, the session that runs the migrations (the migration
    /// lock is held on another one). Leave it open and without a transaction.
    /// </summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The run so far: the plan, the migrations done, the preflight findings (and, after the run, its verification).</summary>
    public SafeMigrationReport Report { get; }

    /// <summary>The run's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>The migration concerned (per-migration hooks); <see langword="null"/> for the run hooks.</summary>
    public string? MigrationId { get; }

    /// <summary>Applied (up) or reverted (down), for per-migration hooks.</summary>
    public MigrationDirection? Direction { get; }
}
