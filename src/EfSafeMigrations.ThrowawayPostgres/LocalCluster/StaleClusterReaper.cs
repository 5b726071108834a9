using System.Diagnostics;
using System.Globalization;

namespace EfSafeMigrations.ThrowawayPostgres.LocalCluster;

/// <summary>
/// Stops and deletes throwaway clusters whose owning process is gone (a killed test run), so that
/// servers and temp folders never pile up across runs.
/// </summary>
internal static class StaleClusterReaper
{
    public static async Task ReapAsync(PostgresBinaries binaries, ServerAccount account, CancellationToken cancellationToken)
    {
        string[] folders;
        try
        {
            folders = Directory.GetDirectories(Path.GetTempPath(), LocalPostgresCluster.FolderPrefix + "*");
        }
        catch (IOException)
        {
            return;
        }

        foreach (var folder in folders)
        {
            if (!IsOrphaned(folder))
            {
                continue;
            }

            await LocalPostgresCluster.StopAndDeleteAsync(binaries, account, folder, "immediate", cancellationToken);
        }
    }

    private static bool IsOrphaned(string folder)
    {
        var ownerFile = Path.Combine(folder, LocalPostgresCluster.OwnerFileName);
        try
        {
            if (!File.Exists(ownerFile))
            {
                // A folder being created right now has no owner file for a moment: only reap old ones.
                return Directory.GetCreationTimeUtc(folder) < DateTime.UtcNow.AddHours(-1);
            }

            var pid = int.Parse(File.ReadAllText(ownerFile).Trim(), CultureInfo.InvariantCulture);
            using var owner = Process.GetProcessById(pid);
            return owner.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }
}
