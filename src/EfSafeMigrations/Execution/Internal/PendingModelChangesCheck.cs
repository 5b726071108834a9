using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Parity with EF 9+'s <c>Migrate</c>: a model with changes no migration covers (EF's <c>PendingModelChangesWarning</c>)
/// stops the run before anything is applied, because the database would end up behind the code that uses it. The
/// warning's configuration is EF's own: Throw (EF's default) is an error here, Log a warning, Ignore skips the check
/// (and its cost: EF compares the model snapshot with the model only when the warning is not ignored). As in EF, a run
/// to a target migration is not checked: the model is expected to be ahead of an older migration. Nor, as in EF 10, are
/// migrations without a model snapshot (hand-written ones): there is nothing to compare the model with.
/// </summary>
internal sealed class PendingModelChangesCheck(IMigrator migrator, IMigrationsAssembly migrationsAssembly, IDbContextOptions contextOptions)
    : IMigrationPreflightCheck
{
    public const string CheckName = "model";

    public const string Code = "PendingModelChanges";

    public Task<IReadOnlyList<PreflightProblem>> RunAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var behavior = BehaviorOf(contextOptions);
        if (behavior == WarningBehavior.Ignore || !string.IsNullOrEmpty(context.TargetMigration)
            || migrationsAssembly.Migrations.Count == 0 || migrationsAssembly.ModelSnapshot is null || !migrator.HasPendingModelChanges())
        {
            return Task.FromResult<IReadOnlyList<PreflightProblem>>([]);
        }

        var contextName = context.Context.GetType().Name;
        var problem = new PreflightProblem(
            CheckName,
            behavior == WarningBehavior.Throw ? PreflightSeverity.Error : PreflightSeverity.Warning,
            Code,
            null,
            $"The model of {contextName} has changes that no migration covers (EF's PendingModelChangesWarning): the migrations " +
            "would leave the database behind the code that uses it.",
            $"Add a migration for the changes (dotnet ef migrations add <Name> --context {contextName}) and deploy it; if the " +
            "difference is intended, configure ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)), or " +
            ".Log(...) to report it and go on.");
        return Task.FromResult<IReadOnlyList<PreflightProblem>>([problem]);
    }

    /// <summary>
    /// The configured behaviour. EF's relational options make it Throw unless the user configured it; a configuration
    /// without the relational defaults falls back to the warnings' default behaviour, as EF's logger does.
    /// </summary>
    private static WarningBehavior BehaviorOf(IDbContextOptions options)
    {
        var warnings = options.FindExtension<CoreOptionsExtension>()?.WarningsConfiguration;
        return warnings?.GetBehavior(RelationalEventId.PendingModelChangesWarning) ?? warnings?.DefaultBehavior ?? WarningBehavior.Throw;
    }
}
