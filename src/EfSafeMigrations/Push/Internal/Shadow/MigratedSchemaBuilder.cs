using EfSafeMigrations.Push.Internal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EfSafeMigrations.Push.Internal.Shadow;

/// <summary>
/// Builds the schema the context's migrations produce: replays every migration's Up operations, in order, through
/// the context's own migrations SQL generator (what <c>Migrate</c> runs, minus the history rows) in a shadow
/// database, and reads it back. Check compares the live database with it to tell what the migrations themselves
/// left (EF's <c>defaultValue:</c> on required columns, foreign key actions as first scaffolded) from changes made
/// outside migrations. <c>replayOnly</c>: just these migrations (the applied ones, while post-deployment migrations wait).
/// </summary>
internal static class MigratedSchemaBuilder
{
    public static async Task<SchemaModel> BuildAsync(
        DbContext context, IModel designModel, NpgsqlConnection live, string? shadowConnectionString,
        IReadOnlySet<string> excludedTables, CancellationToken cancellationToken, IReadOnlySet<string>? replayOnly = null)
    {
        var migrations = context.GetService<IMigrationsAssembly>();
        var generator = context.GetService<IMigrationsSqlGenerator>();
        var initializer = context.GetService<IModelRuntimeInitializer>();
        var provider = context.Database.ProviderName!;

        await using var shadow = await ShadowDatabase.CreateAsync(live, shadowConnectionString, cancellationToken);
        foreach (var (id, type) in migrations.Migrations.Where(m => replayOnly?.Contains(m.Key) ?? true))
        {
            var migration = migrations.CreateMigration(type, provider);
            var commands = generator.Generate(migration.UpOperations, Finalize(migration.TargetModel, initializer), MigrationsSqlGenerationOptions.Default);
            foreach (var command in commands)
            {
                await using var sql = new NpgsqlCommand(command.CommandText, shadow.Connection);
                try
                {
                    await sql.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException(
                        $"replaying migration '{id}' in a shadow database failed ({e.SqlState}: {e.MessageText}), so what the migrations " +
                        "build could not be compared", e);
                }
            }
        }

        return await CatalogReader.ReadAsync(shadow.Connection, excludedTables, cancellationToken);
    }

    /// <summary>As EF's migrator does before generating SQL: a migration's target model is finalized and initialized.</summary>
    private static IModel? Finalize(IModel? model, IModelRuntimeInitializer initializer)
    {
        if (model is IMutableModel mutable)
        {
            model = mutable.FinalizeModel();
        }

        return model is null ? null : initializer.Initialize(model, designTime: true, validationLogger: null);
    }
}
