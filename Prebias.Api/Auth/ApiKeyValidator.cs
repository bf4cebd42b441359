using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Prebias.Api.Auth;

/// <summary>Checks a presented key against the configured SHA-256, in constant time.</summary>
public sealed class ApiKeyValidator
{
    private readonly byte[]? _expectedHash;

    public ApiKeyValidator(IOptions<ApiKeyOptions> options)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ApiKeyHash)) _expectedHash = Convert.FromHexString(o.ApiKeyHash.Trim());
        else if (!string.IsNullOrEmpty(o.ApiKey)) _expectedHash = Hash(o.ApiKey);
    }

    public bool IsConfigured => _expectedHash is not null;

    public bool IsValid(string? presented) =>
        _expectedHash is not null && presented is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Hash(presented), _expectedHash);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
