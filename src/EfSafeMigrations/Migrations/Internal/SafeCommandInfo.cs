using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// What the safe generator knows about a command it produced: its kind, the rewrites that shaped it, and
/// for a concurrent index build the index (so a retry can drop the INVALID index a failed build leaves).
/// Attached to the command instance rather than a MigrationCommand subclass, so EF's own executor and
/// script generation see ordinary commands.
/// </summary>
internal sealed record SafeCommandInfo(
    StatementKind Kind, IReadOnlyList<string> Rewrites, string? IndexSchema = null, string? IndexName = null, BackfillOperation? Backfill = null)
{
    private static readonly ConditionalWeakTable<MigrationCommand, SafeCommandInfo> Table = new();

    public static void Attach(MigrationCommand command, SafeCommandInfo info) => Table.AddOrUpdate(command, info);

    public static SafeCommandInfo? Find(MigrationCommand command) => Table.TryGetValue(command, out var info) ? info : null;
}
