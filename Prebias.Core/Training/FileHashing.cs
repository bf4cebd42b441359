using System.Security.Cryptography;

namespace Prebias.Core.Training;

/// <summary>Lowercase hex sha256 of files.</summary>
public static class FileHashing
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
