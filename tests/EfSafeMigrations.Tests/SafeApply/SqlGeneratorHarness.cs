using EfSafeMigrations.Execution.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.SafeApply;

/// <summary>A context that never connects, to ask EF's services for SQL.</summary>
internal sealed class HarnessContext(DbContextOptions options) : DbContext(options)
{
    public static HarnessContext Create(Action<SafeMigrationsOptions>? configure = null, bool safeFirst = false)
    {
        var builder = new DbContextOptionsBuilder();
        if (safeFirst)
        {
            builder.UseSafeMigrations(configure).UseNpgsql("Host=localhost;Database=harness");
        }
        else
        {
            builder.UseNpgsql("Host=localhost;Database=harness").UseSafeMigrations(configure);
        }

        return new HarnessContext(builder.Options);
    }

    /// <summary>The generated commands, each as "[tx] sql" or "[no tx] sql".</summary>
    public IReadOnlyList<string> Sql(params MigrationOperation[] operations)
        => this.GetService<IMigrationsSqlGenerator>().Generate(operations)
            .Select(c => (c.TransactionSuppressed ? "[no tx] " : "[tx] ") + c.CommandText.Trim().ReplaceLineEndings(" "))
            .ToList();

    public IReadOnlyList<PlanStep> Plan(params MigrationOperation[] operations)
        => MigrationPlanner.ToSteps(this.GetService<IMigrationsSqlGenerator>().Generate(operations),
            Infrastructure.Internal.SafeMigrationsOptionsExtension.OptionsOf(this.GetService<IDbContextOptions>()));
}
