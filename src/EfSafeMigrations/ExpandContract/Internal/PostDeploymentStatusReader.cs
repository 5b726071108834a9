using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>What waits for post-deployment and which expansions are open, from the context's migrations and the applied ids.</summary>
internal static class PostDeploymentStatusReader
{
    public static async Task<PostDeploymentStatus> ReadAsync(DbContext context, CancellationToken cancellationToken)
        => Of(context, [.. await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)]);

    public static PostDeploymentStatus Of(DbContext context, IReadOnlyCollection<string> applied)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        var provider = context.Database.ProviderName!;
        var appliedSet = applied.ToHashSet(StringComparer.Ordinal);
        var all = assembly.Migrations.Select(m => (Id: m.Key, Migration: assembly.CreateMigration(m.Value, provider))).ToList();

        // With nothing applied no old application version runs: post-deployment migrations apply with the rest, they do not wait.
        IReadOnlyList<string> waiting = appliedSet.Count == 0
            ? []
            : [.. all.Where(m => !appliedSet.Contains(m.Id) && PostDeployment.Is(m.Migration)).Select(m => m.Id)];
        return new PostDeploymentStatus(waiting, OpenExpansions.Find(all.Where(m => appliedSet.Contains(m.Id))));
    }
}
