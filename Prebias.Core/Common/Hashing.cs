using System.Security.Cryptography;

namespace Prebias.Core;

/// <summary>SHA-256 of artifacts, lowercase hex (what <c>sha256sum</c> prints).</summary>
public static class Hashing
{
    public static async Task<string> Sha256FileAsync(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
