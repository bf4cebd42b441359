namespace Prebias.Core.Corpora.Download;

/// <summary>What a <c>url</c> (or <c>tinystories</c>, or tokenizer) source may fetch (<c>Prebias:Download</c>).</summary>
public sealed record DownloadOptions
{
    public const string Section = "Prebias:Download";

    /// <summary>Host names or IP literals (as written in the URL) that may be fetched even though they resolve to
    /// loopback, link-local, private or multicast addresses; tests list their loopback server here.</summary>
    public string[] AllowedHosts { get; init; } = [];

    /// <summary>Largest response body in bytes (resumed bytes included).</summary>
    public long MaxBytes { get; init; } = 8L << 30;

    /// <summary>Redirect hops followed per request; every hop is checked like the first URL.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Media types a response may declare (a response without Content-Type is sniffed by the importer);
    /// anything else, an HTML page or an API's problem+json, is refused.</summary>
    public string[] AllowedContentTypes { get; init; } =
    [
        "application/json", "application/x-ndjson", "application/jsonl", "application/jsonlines", "application/x-jsonlines",
        "text/plain", "application/gzip", "application/x-gzip", "application/x-tar", "application/x-gtar",
        "application/x-compressed-tar", "application/octet-stream", "binary/octet-stream",
    ];
}
