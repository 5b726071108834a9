using EfSafeMigrations.Execution;
using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// Parity with EF 9+'s <c>MigrateAsync</c>: a model change with no migration stops the run (EF's PendingModelChangesWarning,
/// Throw by default), is reported when configured to Log, and is not looked at when Ignored. The Users model has a real
/// snapshot; a model customizer adds a property no migration creates.
/// </summary>
public class PendingModelChangesTests
{
    [Test]
    public async Task A_model_change_without_a_migration_stops_the_run_with_the_command_to_run_and_nothing_applied()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var plain = new UsersDbContext(Options(database.ConnectionString, safe: false, nicknameAdded: true));
        await FluentActions.Awaiting(() => plain.Database.MigrateAsync()).Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("*PendingModelChangesWarning*", "plain EF refuses the same model");
        await using var context = new UsersDbContext(Options(database.ConnectionString, safe: true, nicknameAdded: true));

        var failure = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();

        failure.Which.Message.Should().Contain("nothing was applied").And.Contain("UsersDbContext")
            .And.Contain("dotnet ef migrations add").And.Contain("RelationalEventId.PendingModelChangesWarning");
        failure.Which.Report.Problems.Should().ContainSingle(p => p.Code == "PendingModelChanges" && p.Severity == PreflightSeverity.Error);
        FluentActions.Invoking(() => context.Database.Migrate()).Should().Throw<SafeMigrationException>()
            .WithMessage("*RelationalEventId.PendingModelChangesWarning*", "dotnet ef database update and bundles stop the same way");
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Tables.Should().BeEmpty();
    }

    [Test]
    public async Task Ignored_the_warning_is_not_checked_and_Log_reports_it_and_goes_on()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var ignoring = new UsersDbContext(Options(database.ConnectionString, safe: true, nicknameAdded: true, WarningBehavior.Ignore)))
        {
            var report = await ignoring.Database.MigrateSafelyAsync();

            report.AppliedMigrations.Should().ContainSingle();
            report.Problems.Should().NotContain(p => p.Code == "PendingModelChanges");
        }

        await using var logging = new UsersDbContext(Options(database.ConnectionString, safe: true, nicknameAdded: true, WarningBehavior.Log));
        var again = await logging.Database.MigrateSafelyAsync();

        again.Problems.Should().ContainSingle(p => p.Code == "PendingModelChanges" && p.Severity == PreflightSeverity.Warning);
        (await CatalogSnapshot.ReadAsync(database.ConnectionString)).Tables.Should().ContainSingle();
    }

    [Test]
    public async Task Migrating_to_a_target_migration_is_not_checked_as_in_EF()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var plain = new UsersDbContext(Options(database.ConnectionString, safe: false, nicknameAdded: true));
        var id = plain.Database.GetMigrations().Single();
        await plain.GetService<IMigrator>().MigrateAsync(id); // plain EF does not throw with a target
        await plain.GetService<IMigrator>().MigrateAsync("0");
        await using var context = new UsersDbContext(Options(database.ConnectionString, safe: true, nicknameAdded: true));

        var report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = id });

        report.AppliedMigrations.Should().Equal(id);
        report.Problems.Should().NotContain(p => p.Code == "PendingModelChanges");
    }

    [Test]
    public async Task A_model_that_matches_its_snapshot_is_not_reported()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = new UsersDbContext(Options(database.ConnectionString, safe: true, nicknameAdded: false));

        var report = await context.Database.MigrateSafelyAsync();

        report.AppliedMigrations.Should().ContainSingle();
        report.Problems.Should().NotContain(p => p.Code == "PendingModelChanges");
    }

    private static DbContextOptions<UsersDbContext> Options(string connectionString, bool safe, bool nicknameAdded, WarningBehavior? behavior = null)
    {
        var builder = new DbContextOptionsBuilder<UsersDbContext>().UseNpgsql(connectionString);
        if (safe)
        {
            builder.UseSafeMigrations();
        }

        if (nicknameAdded)
        {
            builder.ReplaceService<IModelCustomizer, NicknameAdded>();
        }

        if (behavior is { } configured)
        {
            builder.ConfigureWarnings(w =>
            {
                w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning);
                _ = configured switch
                {
                    WarningBehavior.Ignore => w.Ignore(RelationalEventId.PendingModelChangesWarning),
                    WarningBehavior.Log => w.Log(RelationalEventId.PendingModelChangesWarning),
                    _ => w.Throw(RelationalEventId.PendingModelChangesWarning),
                };
            });
        }
        else
        {
            builder.ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));
        }

        return builder.Options;
    }

    /// <summary>A property the model gains with no migration for it.</summary>
    private sealed class NicknameAdded(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<User>().Property<string>("Nickname").HasColumnName("nickname");
        }
    }
}
