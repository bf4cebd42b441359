using System.Security.Cryptography;
using System.Text;

namespace Prebias.Api.Auth;

/// <summary>A salted PBKDF2-HMAC-SHA256 hash of the API key, written <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
public sealed record ApiKeyHash(int Iterations, byte[] Salt, byte[] Hash)
{
    private const string Scheme = "pbkdf2-sha256";
    private const int HashBytes = 32;

    public static ApiKeyHash Create(string key, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new ApiKeyHash(iterations, salt, Derive(key, salt, iterations));
    }

    public static ApiKeyHash Parse(string text)
    {
        var parts = text.Trim().Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1)
            throw new FormatException($"Prebias:Auth:ApiKeyHash must read {Scheme}$iterations$salt$hash (base64); an unsalted SHA-256 is no longer accepted.");
        return new ApiKeyHash(iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
    }

    public bool Matches(string key) => CryptographicOperations.FixedTimeEquals(Derive(key, Salt, Iterations), Hash);

    public override string ToString() => $"{Scheme}${Iterations}${Convert.ToBase64String(Salt)}${Convert.ToBase64String(Hash)}";

    private static byte[] Derive(string key, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
