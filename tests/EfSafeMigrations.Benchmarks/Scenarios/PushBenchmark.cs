using System.Diagnostics;
using System.Globalization;
using EfSafeMigrations.Benchmarks.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>
/// Push plan time for a wide model: against a database that already matches it (the plan must be
/// empty), and against one where some tables changed.
/// </summary>
public sealed class PushBenchmark(BenchDatabases databases, string adminConnectionString)
{
    private const int Runs = 3;

    public sealed record Result(int Tables, double IdenticalMedianMs, int IdenticalSteps, int ChangedTables, double ChangedMedianMs, int ChangedSteps);

    public async Task<Result> RunAsync(int tables = 200, int changedTables = 10)
    {
        var database = await databases.CreateAsync("esm_bench_push", "SELECT 1");
        var connectionString = databases.App(database);
        var options = new PushOptions { ShadowConnectionString = adminConnectionString };
        Console.WriteLine($"Pushing a {tables}-table model once...");
        await using (var context = new WideModelContext(connectionString, tables, changed: 0))
        {
            await context.Database.PushAsync(options);
        }

        var (identicalMs, identicalSteps) = await TimePlanAsync(connectionString, tables, 0, options);
        var (changedMs, changedSteps) = await TimePlanAsync(connectionString, tables, changedTables, options);
        await databases.DropAsync(database);
        return new Result(tables, identicalMs, identicalSteps, changedTables, changedMs, changedSteps);
    }

    private static async Task<(double MedianMs, int Steps)> TimePlanAsync(string connectionString, int tables, int changed, PushOptions options)
    {
        var times = new List<double>();
        var steps = 0;
        for (var run = 0; run <= Runs; run++) // the first run builds the EF model and warms up
        {
            await using var context = new WideModelContext(connectionString, tables, changed);
            var start = Stopwatch.GetTimestamp();
            var plan = await context.Database.PlanPushAsync(options);
            if (run > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                steps = plan.Steps.Count;
            }
        }

        times.Sort();
        return (times[times.Count / 2], steps);
    }

    /// <summary>
    /// N tables of property-bag entities, each referencing the previous one, with an index; the first
    /// <c>changed</c> tables get an extra column and index.
    /// </summary>
    private sealed class WideModelContext(string connectionString, int tables, int changed) : DbContext
    {
        public (int Tables, int Changed) Shape => (tables, changed);

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
            => optionsBuilder.UseNpgsql(connectionString).ReplaceService<IModelCacheKeyFactory, ShapeKeyFactory>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            for (var i = 1; i <= tables; i++)
            {
                var name = "item_" + i.ToString("D3", CultureInfo.InvariantCulture);
                var previous = "item_" + (i - 1).ToString("D3", CultureInfo.InvariantCulture);
                var isChanged = i <= changed;
                var isFirst = i == 1;
                modelBuilder.SharedTypeEntity<Dictionary<string, object>>(name, entity =>
                {
                    entity.ToTable(name);
                    entity.Property<long>("id").UseIdentityByDefaultColumn();
                    entity.Property<string>("name").HasMaxLength(200).IsRequired();
                    entity.Property<int?>("amount");
                    entity.Property<DateTimeOffset>("created_at").HasDefaultValueSql("now()");
                    entity.HasKey("id");
                    entity.HasIndex("name");
                    if (!isFirst)
                    {
                        entity.Property<long?>("parent_id");
                        entity.HasOne(previous).WithMany().HasForeignKey("parent_id");
                    }

                    if (isChanged)
                    {
                        entity.Property<string>("note");
                        entity.HasIndex("amount");
                    }
                });
            }
        }
    }

    private sealed class ShapeKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (((WideModelContext)context).Shape, designTime);
    }
}
