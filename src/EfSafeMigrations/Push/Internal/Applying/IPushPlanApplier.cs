using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Push.Internal.Applying;

/// <summary>Executes a push plan on the target database's (open) connection.</summary>
internal interface IPushPlanApplier
{
    /// <returns>How many statements ran.</returns>
    Task<int> ApplyAsync(DbContext context, NpgsqlConnection connection, PushPlan plan, PushOptions options, CancellationToken cancellationToken);
}
