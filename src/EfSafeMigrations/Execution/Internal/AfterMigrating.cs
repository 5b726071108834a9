using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>What Npgsql's migrator and EF's <c>Migrate()</c> do after migrating, kept by the safe path.</summary>
internal static class AfterMigrating
{
    /// <summary>Npgsql's migrator reloads types after enums, ranges or extensions are created; so does this one.</summary>
    public static async Task ReloadTypesIfNeededAsync(NpgsqlConnection connection, IReadOnlyList<PlanItem> plan, CancellationToken cancellationToken)
    {
        var reload = plan
            .SelectMany(p => p.Migration.UpOperations)
            .OfType<AlterDatabaseOperation>()
            .Any(o => o.GetAnnotations().Any(a =>
                a.Name.StartsWith("Npgsql:PostgresExtension:", StringComparison.Ordinal)
                || a.Name.StartsWith("Npgsql:Enum:", StringComparison.Ordinal)
                || a.Name.StartsWith("Npgsql:Range:", StringComparison.Ordinal)));
        if (reload && connection.State == ConnectionState.Open)
        {
            await connection.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// EF's <c>UseSeeding</c>/<c>UseAsyncSeeding</c> run after migrating, as <c>Migrate()</c> runs them: the synchronous
    /// <c>Migrate()</c> (<paramref name="synchronous"/>) runs <c>UseSeeding</c>, the asynchronous paths prefer <c>UseAsyncSeeding</c>.
    /// </summary>
    public static async Task SeedAsync(
        DbContext context, IDbContextOptions contextOptions, bool migrated, bool synchronous, CancellationToken cancellationToken)
    {
        var core = contextOptions.FindExtension<CoreOptionsExtension>();
        if (core?.AsyncSeeder is null && core?.Seeder is null)
        {
            return;
        }

        // Through the execution strategy, as EF's migrator seeds: a retrying strategy refuses a bare user transaction.
        await context.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (synchronous && core.Seeder is { } seed)
            {
                seed(context, migrated);
            }
            else if (core.AsyncSeeder is { } seedAsync)
            {
                await seedAsync(context, migrated, ct).ConfigureAwait(false);
            }
            else
            {
                core.Seeder!(context, migrated);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
