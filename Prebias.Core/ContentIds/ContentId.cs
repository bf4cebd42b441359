using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Prebias.Core.ContentIds;

/// <summary>A content id: <c>sha256:</c> and the lowercase hex sha256 of a canonical manifest's UTF-8 bytes.</summary>
public static class ContentId
{
    public const string Prefix = "sha256:";

    /// <summary>Characters of an id: the prefix and 64 hex digits.</summary>
    public const int Length = 71;

    public static (string Id, string Manifest) Of(JsonObject manifest)
    {
        var canonical = CanonicalJson.Serialize(manifest);
        return (Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), canonical);
    }

    /// <summary>
    /// True for <c>sha256:</c> followed by exactly 64 lowercase hex digits, the only ids ever stored.
    /// </summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.StartsWith(Prefix, StringComparison.Ordinal) &&
        id.AsSpan(Prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
}
