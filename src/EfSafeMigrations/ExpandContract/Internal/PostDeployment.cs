using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// Which migrations are post-deployment: marked <see cref="PostDeploymentAttribute"/>, or holding a contract (a contract removes
/// what the old application version still uses, so it can only run once that version is gone).
/// </summary>
internal static class PostDeployment
{
    public static bool Is(Migration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return migration.GetType().GetCustomAttribute<PostDeploymentAttribute>() is not null
               || migration.UpOperations.Any(o => o is ExpansionOperation { Stage: ExpansionStage.Contract });
    }

    /// <summary>The contracts of a migration's Up, in order.</summary>
    public static IEnumerable<ExpansionOperation> Contracts(Migration migration)
        => migration.UpOperations.OfType<ExpansionOperation>().Where(o => o.Stage == ExpansionStage.Contract);
}
