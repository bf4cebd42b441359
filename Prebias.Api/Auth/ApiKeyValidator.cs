using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Prebias.Api.Auth;

/// <summary>
/// Checks a presented key against a salted PBKDF2 hash. PBKDF2 is slow on purpose, so a key once accepted is
/// remembered for this process as a SHA-256 digest in memory (never in configuration or the environment); a wrong
/// key always pays the full PBKDF2 cost.
/// </summary>
public sealed class ApiKeyValidator
{
    private readonly ApiKeyHash? _expected;
    private byte[]? _accepted;

    public ApiKeyValidator(IOptions<ApiKeyOptions> options, ILogger<ApiKeyValidator> logger)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ApiKeyFile)) _expected = ApiKeyHash.Create(ReadKeyFile(o.ApiKeyFile, logger), o.Pbkdf2Iterations);
        else if (!string.IsNullOrWhiteSpace(o.ApiKeyHash)) _expected = ApiKeyHash.Parse(o.ApiKeyHash);
        else if (!string.IsNullOrEmpty(o.ApiKey)) _expected = ApiKeyHash.Create(o.ApiKey, o.Pbkdf2Iterations);
    }

    public bool IsConfigured => _expected is not null;

    public bool IsValid(string? presented)
    {
        if (_expected is null || presented is not { Length: > 0 }) return false;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        if (Volatile.Read(ref _accepted) is { } accepted && CryptographicOperations.FixedTimeEquals(digest, accepted)) return true;
        if (!_expected.Matches(presented)) return false;
        Volatile.Write(ref _accepted, digest);
        return true;
    }

    private static string ReadKeyFile(string path, ILogger logger)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"Prebias:Auth:ApiKeyFile: no file at {path}.");
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            logger.LogWarning("The API key file {Path} is readable by other users; chmod 600 it.", path);
        var key = File.ReadAllText(path).Trim();
        if (key.Length == 0) throw new InvalidOperationException($"Prebias:Auth:ApiKeyFile: {path} is empty.");
        return key;
    }
}
