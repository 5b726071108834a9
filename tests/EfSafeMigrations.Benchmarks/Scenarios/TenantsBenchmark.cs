using System.Diagnostics;
using EfSafeMigrations.Benchmarks.Harness;
using EfSafeMigrations.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>
/// Many tenants in one run: <c>--tenants N</c> schemas of one database (default 1,000), each migrated by
/// <c>SafeMigrationsTenants.MigrateAsync</c> with a small migration set (a table, a column, a concurrent index), in
/// parallel; then a fifth of that many other schemas one at a time, for the speed-up. Managed heap before and after
/// (each target gets a data source of its own, disposed after its run).
/// </summary>
public sealed class TenantsBenchmark(BenchDatabases databases, BenchSettings settings)
{
    private const int Parallelism = 8;

    public sealed record Result(
        int Tenants, double ParallelSeconds, double ParallelMsPerTenant, int SequentialTenants, double SequentialMsPerTenant,
        double Speedup, double HeapBeforeMb, double HeapAfterMb, int Failed);

    private static readonly IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> Migrations =
    [
        ("20260101000001_CreateNotes", b => b.CreateTable(
            name: "notes",
            columns: t => new { id = t.Column<long>(type: "bigint", nullable: false), body = t.Column<string>(type: "text", nullable: true) },
            constraints: t => t.PrimaryKey("pk_notes", x => x.id))),
        ("20260101000002_AddNoteAuthor", b => b.AddColumn<string>(name: "author", table: "notes", type: "text", nullable: true)),
        ("20260101000003_IndexNoteAuthor", b => b.CreateIndex(name: "ix_notes_author", table: "notes", column: "author")),
    ];

    public async Task<Result> RunAsync()
    {
        var migrations = DelegateMigration.Emit(typeof(BenchContext), Migrations);
        var database = await databases.CreateAsync("esm_bench_tenants", "SELECT 1");
        var connectionString = databases.App(database);
        // A data source per target, disposed after its run: the form that keeps memory flat (docs/tenants.md#connections).
        BenchContext Create(TenantTarget target, Npgsql.NpgsqlDataSource dataSource) => new(BenchContext.Options(dataSource, migrations));
        List<TenantTarget> Targets(string prefix, int count)
            => [.. Enumerable.Range(0, count).Select(i => new TenantTarget($"{prefix}{i:D4}", connectionString, $"{prefix}{i:D4}"))];

        var tenants = settings.Tenants;
        var sequentialTenants = Math.Max(1, tenants / 5);
        Console.WriteLine($"Migrating {tenants} tenant schemas, {Parallelism} at a time...");
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var parallel = await SafeMigrationsTenants.MigrateAsync(Targets("tenant_", tenants), Create,
            new TenantMigrationOptions { MaxParallelism = Parallelism, MaxParallelismPerServer = Parallelism });
        var parallelSeconds = clock.Elapsed.TotalSeconds;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        Console.WriteLine($"Migrating {sequentialTenants} other tenant schemas one at a time...");
        clock.Restart();
        var sequential = await SafeMigrationsTenants.MigrateAsync(Targets("seq_", sequentialTenants), Create,
            new TenantMigrationOptions { MaxParallelism = 1, MaxParallelismPerServer = 1 });
        var sequentialMs = clock.Elapsed.TotalMilliseconds / sequentialTenants;

        await databases.DropAsync(database);
        var parallelMs = parallelSeconds * 1000 / tenants;
        return new Result(
            tenants, parallelSeconds, parallelMs, sequentialTenants, sequentialMs, sequentialMs / parallelMs,
            heapBefore / 1048576.0, heapAfter / 1048576.0, parallel.Count(TenantOutcome.Failed) + sequential.Count(TenantOutcome.Failed));
    }
}
