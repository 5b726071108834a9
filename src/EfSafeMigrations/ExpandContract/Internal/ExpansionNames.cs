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
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u0001', Identity(operation)))), 0, 6).ToLowerInvariant();
        return new ExpansionNames(Prefix + hash + "_sync", Prefix + hash + "_oldwrites");
    }

    /// <summary>
    /// What names the change: its kind, table and columns, never its types or conversions, so a contract that spells a type
    /// differently (<c>int8</c> for <c>bigint</c>) still finds what its expand created.
    /// </summary>
    private static string?[] Identity(ExpansionOperation operation) => operation switch
    {
        ExpandColumnOperation c => ["column", c.Schema, c.Table, c.Name, c.NewName],
        ExpandRequiredOperation r => ["required", r.Schema, r.Table, r.Name],
        ExpandTableRenameOperation t => ["table", t.Schema, t.Table, t.NewName],
        RetireColumnOperation r => ["retire", r.Schema, r.Table, r.Name],
        _ => [operation.GetType().Name, operation.Schema, operation.Table],
    };

    /// <summary>Whether two operations are stages of the same change (same kind, table and columns; types may be spelled differently).</summary>
    public static bool SameChange(ExpansionOperation a, ExpansionOperation b)
        => a.GetType() == b.GetType() && Identity(a).SequenceEqual(Identity(b));

    /// <summary>Whether a catalog object's name is one an expansion created (check and status use this).</summary>
    public static bool IsExpansionObject(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
}
