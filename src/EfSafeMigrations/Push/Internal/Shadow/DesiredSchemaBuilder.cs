using EfSafeMigrations.Push.Internal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EfSafeMigrations.Push.Internal.Shadow;

/// <summary>Builds a schema in a shadow database (on <paramref name="shadowConnectionString"/>, or beside <paramref name="live"/>) and reads it back.</summary>
internal delegate Task<SchemaModel> DesiredSchemaSource(
    DbContext context, IModel designModel, NpgsqlConnection live, string? shadowConnectionString,
    IReadOnlySet<string> excludedTables, CancellationToken cancellationToken);

/// <summary>
/// Builds the desired schema: runs the model's create script (EF's differ from an empty model, then the
/// context's migrations SQL generator, as a first migration would) in a shadow database and reads it back.
/// </summary>
internal static class DesiredSchemaBuilder
{
    public static async Task<SchemaModel> BuildAsync(
        DbContext context, IModel designModel, NpgsqlConnection live, string? shadowConnectionString,
        IReadOnlySet<string> excludedTables, CancellationToken cancellationToken)
    {
        var operations = context.GetService<IMigrationsModelDiffer>().GetDifferences(null, designModel.GetRelationalModel());
        var commands = context.GetService<IMigrationsSqlGenerator>().Generate(operations, designModel, MigrationsSqlGenerationOptions.Default);

        await using var shadow = await ShadowDatabase.CreateAsync(live, shadowConnectionString, cancellationToken);
        foreach (var command in commands)
        {
            await using var sql = new NpgsqlCommand(command.CommandText, shadow.Connection);
            await sql.ExecuteNonQueryAsync(cancellationToken);
        }

        return await CatalogReader.ReadAsync(shadow.Connection, excludedTables, cancellationToken);
    }
}
