using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Execution;

/// <summary>
/// A check that runs before <c>MigrateSafelyAsync</c> executes anything (while it holds the migration
/// lock): the lint gate and the journal verification are preflight checks. Any problem of
/// <see cref="PreflightSeverity.Error"/> stops the run with nothing applied. Registered in the context's
/// internal service provider as <c>IEnumerable&lt;IMigrationPreflightCheck&gt;</c> (scoped).
/// </summary>
public interface IMigrationPreflightCheck
{
    /// <summary>Runs the check.</summary>
    Task<IReadOnlyList<PreflightProblem>> RunAsync(PreflightContext context, CancellationToken cancellationToken);
}

/// <summary>What a preflight check may look at.</summary>
/// <param name="Context">The user's context.</param>
/// <param name="Options">The effective options.</param>
/// <param name="AllMigrations">Every compiled migration, in id order.</param>
/// <param name="AppliedMigrationIds">Ids recorded in <c>__EFMigrationsHistory</c>, in order.</param>
/// <param name="PendingMigrations">The migrations this run would apply, in order.</param>
public sealed record PreflightContext(
    DbContext Context,
    SafeMigrationsOptions Options,
    IReadOnlyList<(string Id, Migration Migration)> AllMigrations,
    IReadOnlyList<string> AppliedMigrationIds,
    IReadOnlyList<(string Id, Migration Migration)> PendingMigrations)
{
    /// <summary>A dry run (<c>MigrateSafelyOptions.DryRun</c>): checks must write nothing to the database.</summary>
    public bool DryRun { get; init; }

    /// <summary>The migration the run migrates to (<c>MigrateSafelyOptions.TargetMigration</c>), or <see langword="null"/> for the latest.</summary>
    public string? TargetMigration { get; init; }
}

/// <summary>How bad a preflight problem is.</summary>
public enum PreflightSeverity
{
    /// <summary>Reported; the run goes on.</summary>
    Info,

    /// <summary>Reported; the run goes on.</summary>
    Warning,

    /// <summary>Stops the run before anything is applied.</summary>
    Error,
}

/// <summary>One problem found by a preflight check.</summary>
/// <param name="Check">Which check found it (for example <c>lint</c> or <c>journal</c>).</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Code">A stable code: a rule id such as <c>ESM0001</c>, or a journal problem kind.</param>
/// <param name="MigrationId">The migration concerned, when there is one.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
/// <param name="Fix">The way out, in a sentence.</param>
public sealed record PreflightProblem(
    string Check,
    PreflightSeverity Severity,
    string Code,
    string? MigrationId,
    string Message,
    string Fix);
