using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace EfSafeMigrations.IntegrationTests.Models.Rich;

/// <summary>
/// A model that uses every schema feature push must round-trip: four schemas, PostgreSQL enums (one per
/// schema), identity (by default, always, custom options), serial, sequences, HiLo-free sequence defaults,
/// SQL and constant defaults, stored computed columns, check constraints, filtered, INCLUDE, descending,
/// GIN and NULLS NOT DISTINCT indexes, unique constraints (alternate keys), composite keys, foreign keys with
/// every delete behaviour, comments, jsonb, arrays, a collation, owned types (same table and own table),
/// an unlogged table and identifiers that need quoting.
/// </summary>
public sealed partial class RichDbContext(DbContextOptions<RichDbContext> options) : DbContext(options)
{
    /// <summary>Options for a database, as tests and the design-time factory build them.</summary>
    public static DbContextOptions<RichDbContext> Options(string connectionString)
        => new DbContextOptionsBuilder<RichDbContext>().UseNpgsql(connectionString, MapEnums).Options;

    public static void MapEnums(NpgsqlDbContextOptionsBuilder npgsql)
    {
        npgsql.MapEnum<UserStatus>("user_status");
        npgsql.MapEnum<CustomerTier>("customer_tier", "sales");
        npgsql.MapEnum<OrderStatus>("order_status", "sales");
        npgsql.MapEnum<JobState>("job_state", "ops");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>("invoice_numbers", "sales").StartsAt(1000).IncrementsBy(5);
        modelBuilder.HasSequence<int>("ticket_numbers").StartsAt(1).IncrementsBy(1).HasMax(999999).IsCyclic();
        ConfigurePublic(modelBuilder);
        ConfigureCatalog(modelBuilder);
        ConfigureSales(modelBuilder);
        ConfigureOps(modelBuilder);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; it never connects.</summary>
public sealed class RichDbContextFactory : IDesignTimeDbContextFactory<RichDbContext>
{
    public RichDbContext CreateDbContext(string[] args) => new(RichDbContext.Options("Host=localhost;Database=design_time"));
}
