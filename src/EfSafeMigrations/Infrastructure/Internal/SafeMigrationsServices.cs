using EfSafeMigrations.Execution;
using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.Journal.Verification;
using EfSafeMigrations.Linting;
using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EfSafeMigrations.Infrastructure.Internal;

/// <summary>
/// Registers EfSafeMigrations' services in EF's internal service provider. Provider services are only
/// TryAdd'ed by Npgsql, so the ones replaced here use Replace and win whatever order the user calls
/// UseNpgsql and UseSafeMigrations in.
/// </summary>
internal static class SafeMigrationsServices
{
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Scoped<IMigrationsSqlGenerator, SafeMigrationsSqlGenerator>());
        services.Replace(ServiceDescriptor.Scoped<IMigrationsModelDiffer, SafeMigrationsModelDiffer>());
        services.Replace(ServiceDescriptor.Scoped<IMigrator, SafeMigrator>());
        services.TryAddScoped<SafeMigrationRunner>();
        services.TryAddScoped<Deployment.Internal.MigrateRouter>();
        services.TryAddScoped<PlanExecutor>();
        services.TryAddScoped<PreflightRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationPreflightCheck, JournalPreflightCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationPreflightCheck, PendingModelChangesCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationPreflightCheck, LintPreflightCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationPreflightCheck, DataPreflight.DataPreflightCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationPreflightCheck, Backfill.Internal.BackfillPreflightCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMigrationPreflightCheck, ExpandContract.Internal.ExpansionPreflightCheck>());
    }
}
