using System.Security.Cryptography;
using System.Text;

namespace EfSafeMigrations.Journal.Checksums;

/// <summary>SHA-256 of UTF-8 text, as lowercase hex: the one hash the journal uses.</summary>
internal static class Sha256Hex
{
    public static string Of(string text)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
