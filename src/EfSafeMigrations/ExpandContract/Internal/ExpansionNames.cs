using System.Security.Cryptography;
using System.Text;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// The names of what an expansion adds: its trigger function (the trigger has the same name), and the sequence its trigger
/// counts old-version writes with. Short (identifiers stop at 63 bytes) and derived from the change only, so the contract,
/// the undo, a resumed run, status and check all find them again.
/// </summary>
internal sealed record ExpansionNames(string Function, string Counter)
{
    public const string Prefix = "esm_x_";

    public static ExpansionNames Of(ExpansionOperation operation)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(operation.GetType().Name + "\u0001" + operation.Describe())), 0, 6)
            .ToLowerInvariant();
        return new ExpansionNames(Prefix + hash + "_sync", Prefix + hash + "_oldwrites");
    }

    /// <summary>Whether a catalog object's name is one an expansion created (check and status use this).</summary>
    public static bool IsExpansionObject(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
}
