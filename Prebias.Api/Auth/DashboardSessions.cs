using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Prebias.Api.Auth;

/// <summary>
/// Sessions of the Hangfire dashboard's login form. The cookie holds a random token, never the API key; the server
/// keeps only the token's SHA-256 and its expiry, in memory (a restart logs everyone out; only the API serves the
/// dashboard, so workers need no share of it).
/// </summary>
public sealed class DashboardSessions(TimeProvider clock)
{
    public const string CookieName = "prebias_dashboard";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new();

    public string Create()
    {
        foreach (var (hash, expiry) in _expiries)
            if (expiry <= clock.GetUtcNow()) _expiries.TryRemove(hash, out _);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _expiries[Hash(token)] = clock.GetUtcNow() + Lifetime;
        return token;
    }

    public bool IsValid(string? token) =>
        token is { Length: > 0 } && _expiries.TryGetValue(Hash(token), out var expiry) && expiry > clock.GetUtcNow();

    public void Revoke(string? token)
    {
        if (token is { Length: > 0 }) _expiries.TryRemove(Hash(token), out _);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
