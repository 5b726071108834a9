using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EfSafeMigrations.IntegrationTests.Models.Rich;

public sealed partial class RichDbContext
{
    /// <summary>
    /// As <see cref="Options(string)"/>, for a server of the given major: before PostgreSQL 15 the model leaves
    /// out NULLS NOT DISTINCT (which such servers refuse), so push tests still cover the rest of the rich model
    /// on PostgreSQL 13 and 14. The migration keeps the feature: tests that apply it need 15+.
    /// </summary>
    public static DbContextOptions<RichDbContext> Options(string connectionString, int serverMajor)
    {
        var builder = new DbContextOptionsBuilder<RichDbContext>().UseNpgsql(connectionString, MapEnums);
        if (serverMajor < 15)
        {
            builder.ReplaceService<IModelCustomizer, WithoutNullsNotDistinct>();
        }

        return builder.Options;
    }

    private sealed class WithoutNullsNotDistinct(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            foreach (var index in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredIndexes()))
            {
                index.RemoveAnnotation("Npgsql:NullsDistinct");
            }
        }
    }
}
