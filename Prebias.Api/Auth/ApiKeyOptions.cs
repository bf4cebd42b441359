namespace Prebias.Api.Auth;

/// <summary>
/// The write API key (<c>Prebias:Auth</c>). Give the server one of: <c>ApiKeyFile</c>, a file readable only by its
/// owner that holds the key (what <c>./run.sh</c> does, so no key material sits in the process environment or on a
/// command line); <c>ApiKeyHash</c>, a salted PBKDF2 hash (<c>pbkdf2-sha256$iterations$salt$hash</c>, base64);
/// or <c>ApiKey</c> itself (tests). The server keeps only a PBKDF2 hash with a random salt in memory.
/// </summary>
public sealed record ApiKeyOptions
{
    public const string Section = "Prebias:Auth";
    public const string HeaderName = "X-Api-Key";

    public string? ApiKey { get; init; }
    public string? ApiKeyFile { get; init; }
    public string? ApiKeyHash { get; init; }

    /// <summary>PBKDF2-HMAC-SHA256 iterations for a key given in plain or by file (OWASP's 2023 figure).</summary>
    public int Pbkdf2Iterations { get; init; } = 600_000;
}
