using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// Push syncs the schema only: a table it creates for an entity with <c>HasData</c> rows gets no rows, where a
/// migration would insert them. Said as a warning, so nobody finds out from an empty lookup table.
/// </summary>
internal static class SeedDataWarnings
{
    public static IEnumerable<string> For(IModel model, IEnumerable<PushStep> steps, string defaultSchema)
    {
        var created = steps.Where(s => s.Kind == PushStepKind.CreateTable).Select(s => s.Target).ToHashSet(StringComparer.Ordinal);
        return model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && e.GetSeedData().Any())
            .Select(e => $"{e.GetSchema() ?? defaultSchema}.{e.GetTableName()}")
            .Where(created.Contains)
            .Distinct(StringComparer.Ordinal)
            .Select(table => $"Table {table} has seed data in the model (HasData); push creates the table without its rows (a migration would insert them).");
    }
}
