using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Design.Internal;

/// <summary>
/// Something EfSafeMigrations does when <c>dotnet ef</c> scaffolds, saves or removes a migration:
/// reporting lint findings, keeping the journal file. Registered in <see cref="ScaffoldingHooks"/>.
/// </summary>
internal interface IMigrationScaffoldingHook
{
    /// <summary>After the migration code is generated, before it is written (also on dry runs).</summary>
    void Scaffolded(ScaffoldingEvent scaffolding) { }

    /// <summary>After the migration files are written (not on dry runs).</summary>
    void Saved(ScaffoldingEvent scaffolding, MigrationFiles files, string projectDirectory) { }

    /// <summary>After <c>migrations remove</c> deleted <paramref name="removedMigrationId"/>'s files (not on dry runs).</summary>
    void Removed(string removedMigrationId, MigrationFiles files, string projectDirectory, ScaffoldingServices services) { }
}

/// <summary>What the scaffolder knows about a migration it has just generated.</summary>
/// <param name="Migration">The generated code and its id.</param>
/// <param name="UpOperations">The operations the migration's Up will produce, as the differ computed them.</param>
/// <param name="DownOperations">The operations of Down.</param>
/// <param name="Services">Design-time services of the user's context.</param>
internal sealed record ScaffoldingEvent(
    ScaffoldedMigration Migration,
    IReadOnlyList<MigrationOperation> UpOperations,
    IReadOnlyList<MigrationOperation> DownOperations,
    ScaffoldingServices Services);

/// <summary>Design-time services a hook may need.</summary>
/// <param name="Reporter">Writes to the <c>dotnet ef</c> output (warnings show in yellow).</param>
/// <param name="Model">The user's current model.</param>
/// <param name="MigrationsAssembly">The compiled migrations (before the new one, which is not compiled yet).</param>
/// <param name="ContextType">The user's context type.</param>
internal sealed record ScaffoldingServices(
    IOperationReporter Reporter,
    IModel Model,
    IMigrationsAssembly MigrationsAssembly,
    Type ContextType);
