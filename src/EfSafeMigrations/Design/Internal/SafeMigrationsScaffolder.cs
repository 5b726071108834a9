using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Design.Internal;

/// <summary>
/// EF's migrations scaffolder, plus EfSafeMigrations' hooks around scaffold, save and remove.
/// The generated code itself is EF's (with whatever the context's model differ produced).
/// </summary>
internal sealed class SafeMigrationsScaffolder : MigrationsScaffolder
{
    private readonly OperationCapturingDiffer _differ;
    private readonly IReadOnlyList<IMigrationScaffoldingHook> _hooks;
    private ScaffoldingEvent? _lastScaffolded;

    public SafeMigrationsScaffolder(MigrationsScaffolderDependencies dependencies, IEnumerable<IMigrationScaffoldingHook> hooks)
        : this(dependencies, new OperationCapturingDiffer(dependencies.MigrationsModelDiffer), hooks)
    {
    }

    private SafeMigrationsScaffolder(
        MigrationsScaffolderDependencies dependencies, OperationCapturingDiffer differ, IEnumerable<IMigrationScaffoldingHook> hooks)
        : base(dependencies with { MigrationsModelDiffer = differ })
    {
        _differ = differ;
        _hooks = hooks.ToList();
    }

    private ScaffoldingServices Services => new(
        Dependencies.OperationReporter,
        Dependencies.Model,
        Dependencies.MigrationsAssembly,
        Dependencies.CurrentContext.Context.GetType());

    public override ScaffoldedMigration ScaffoldMigration(
        string migrationName, string? rootNamespace, string? subNamespace = null, string? language = null, bool dryRun = false)
    {
        _differ.Reset(RequestedContracts());
        var migration = base.ScaffoldMigration(migrationName, rootNamespace, subNamespace, language, dryRun);
        var up = _differ.Results.Count > 0 ? _differ.Results[0] : (IReadOnlyList<MigrationOperation>)[];
        var down = _differ.Results.Count > 1 ? _differ.Results[1] : (IReadOnlyList<MigrationOperation>)[];
        _lastScaffolded = new ScaffoldingEvent(migration, up, down, Services);

        Dependencies.OperationReporter.WriteVerbose($"EfSafeMigrations: checking migration '{migration.MigrationId}' ({up.Count} operations).");
        foreach (var hook in _hooks)
        {
            hook.Scaffolded(_lastScaffolded);
        }

        return migration;
    }

    // The contracts EFSAFEMIGRATIONS_CONTRACT asks for: their Up only (their Down stays empty: the contract is the point of
    // no return). Asked before anything is generated, so a request naming no open expansion stops the scaffold.
    private IReadOnlyList<MigrationOperation> RequestedContracts()
    {
        var request = Environment.GetEnvironmentVariable(ContractRequest.Variable);
        if (string.IsNullOrWhiteSpace(request))
        {
            return [];
        }

        try
        {
            return ContractRequest.Select(request, OpenExpansions.Of(Dependencies.MigrationsAssembly, Dependencies.CurrentContext.Context.Database.ProviderName));
        }
        catch (InvalidOperationException unknown)
        {
            // dotnet ef prints an OperationException as its message alone, without a stack trace.
            throw new Microsoft.EntityFrameworkCore.Design.OperationException(unknown.Message, unknown);
        }
    }

    public override MigrationFiles Save(string projectDir, ScaffoldedMigration migration, string? outputDir, bool dryRun)
    {
        var files = base.Save(projectDir, migration, outputDir, dryRun);
        if (!dryRun)
        {
            var scaffolding = _lastScaffolded is { } last && ReferenceEquals(last.Migration, migration)
                ? last
                : new ScaffoldingEvent(migration, [], [], Services);
            foreach (var hook in _hooks)
            {
                hook.Saved(scaffolding, files, projectDir);
            }
        }

        return files;
    }

    public override MigrationFiles RemoveMigration(
        string projectDir, string? rootNamespace, bool force, string? language, bool dryRun)
    {
        // The base removes the newest migration; remember which one it is before it is gone.
        var removedId = Dependencies.MigrationsAssembly.Migrations.Keys.LastOrDefault();
        var files = base.RemoveMigration(projectDir, rootNamespace, force, language, dryRun);
        if (!dryRun && removedId is not null)
        {
            foreach (var hook in _hooks)
            {
                hook.Removed(removedId, files, projectDir, Services);
            }
        }

        return files;
    }
}
