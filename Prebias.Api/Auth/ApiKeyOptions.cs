namespace Prebias.Api.Auth;

/// <summary>
/// The write API key. Configure its SHA-256 (<c>ApiKeyHash</c>, hex), as <c>./run.sh</c> does, or the key itself
/// (<c>ApiKey</c>), which is hashed at start and never kept in memory as plain text.
/// </summary>
public sealed record ApiKeyOptions
{
    public const string Section = "Prebias:Auth";
    public const string HeaderName = "X-Api-Key";

    public string? ApiKey { get; init; }
    public string? ApiKeyHash { get; init; }
}
