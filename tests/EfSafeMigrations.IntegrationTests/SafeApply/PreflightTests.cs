using EfSafeMigrations.Execution;
using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>Preflight checks run under the lock, before anything; an Error stops the run with nothing applied.</summary>
public class PreflightTests
{
    [Test]
    public async Task An_error_from_a_preflight_check_stops_the_run_before_any_migration()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        var check = new FixedCheck(PreflightSeverity.Error);
        await using var context = new ShopDbContext(WithCheck(database.ConnectionString, check));

        var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();

        failure.Which.Message.Should().Contain("ESM9999").And.Contain("nothing was applied");
        failure.Which.Report.Problems.Should().ContainSingle(p => p.Code == "ESM9999");
        check.Seen!.PendingMigrations.Select(p => p.Id).Should().Equal(CreateShop.Id, SafeChanges.Id);
        check.Seen.AllMigrations.Should().HaveCount(2);
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Tables.Should().BeEmpty();
    }

    [Test]
    public async Task A_warning_is_reported_and_the_run_goes_on()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = new ShopDbContext(WithCheck(database.ConnectionString, new FixedCheck(PreflightSeverity.Warning)));

        var report = await context.Database.MigrateSafelyAsync();

        report.Problems.Should().ContainSingle(p => p.Check == "test" && p.Severity == PreflightSeverity.Warning); // the journal check also warns: no journal file here
        report.AppliedMigrations.Should().HaveCount(2);
    }

    private static DbContextOptions<ShopDbContext> WithCheck(string connectionString, IMigrationPreflightCheck check)
    {
        var builder = new DbContextOptionsBuilder<ShopDbContext>()
            .UseNpgsql(connectionString)
            .UseSafeMigrations()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning, CoreEventId.ManyServiceProvidersCreatedWarning));
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new CheckExtension(check));
        return builder.Options;
    }

    private sealed class FixedCheck(PreflightSeverity severity) : IMigrationPreflightCheck
    {
        public PreflightContext? Seen { get; private set; }

        public Task<IReadOnlyList<PreflightProblem>> RunAsync(PreflightContext context, CancellationToken cancellationToken)
        {
            Seen = context;
            return Task.FromResult<IReadOnlyList<PreflightProblem>>(
                [new PreflightProblem("test", severity, "ESM9999", CreateShop.Id, "Something is off.", "Fix it.")]);
        }
    }

    /// <summary>Registers one preflight check, as the lint gate and journal verification register theirs.</summary>
    private sealed class CheckExtension(IMigrationPreflightCheck check) : IDbContextOptionsExtension
    {
        private DbContextOptionsExtensionInfo? _info;

        public DbContextOptionsExtensionInfo Info => _info ??= new CheckInfo(this);

        public void ApplyServices(IServiceCollection services) => services.AddScoped(_ => check);

        public void Validate(IDbContextOptions options)
        {
        }

        private sealed class CheckInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => string.Empty;

            public override int GetServiceProviderHashCode() => Extension.GetHashCode();

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => ReferenceEquals(other.Extension, Extension);

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            {
            }
        }
    }
}
