using EfSafeMigrations.Design;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>
/// What <c>dotnet ef migrations add</c> does between two models, in process, with EfSafeMigrations' design-time services: the
/// context's differ asked for Up (old to new model) and then Down (new to old) as EF's scaffolder asks, and the C# code.
/// Owns (disposes) the target context.
/// </summary>
internal sealed class ScaffoldingHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly DbContext _target;

    public ScaffoldingHarness(DbContext target)
    {
        _target = target;
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices();
        new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
        services.AddDbContextDesignTimeServices(target);
        new SafeMigrationsDesignTimeServices().ConfigureDesignTimeServices(services);
        _services = services.BuildServiceProvider();
    }

    public IMigrationsModelDiffer Differ => _target.GetService<IMigrationsModelDiffer>();

    public (IReadOnlyList<MigrationOperation> Up, IReadOnlyList<MigrationOperation> Down) Scaffold(DbContext source)
    {
        var before = Model(source);
        var after = Model(_target);
        var up = Differ.GetDifferences(before, after);
        return (up, Differ.GetDifferences(after, before));
    }

    public string Code(IReadOnlyList<MigrationOperation> up, IReadOnlyList<MigrationOperation> down)
        => _services.GetRequiredService<IMigrationsCodeGeneratorSelector>().Select("C#")
            .GenerateMigration("Scaffolded.Migrations", "Expand", up, down);

    public void Dispose()
    {
        _services.Dispose();
        _target.Dispose();
    }

    public static IRelationalModel Model(DbContext context) => context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
}
