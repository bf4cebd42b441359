using System.Net;

namespace Prebias.Core.Corpora.Download;

/// <summary>A download failed for good (unreachable host, HTTP error status, size mismatch after all retries).
/// The message is meant for users: it names the URL and the cause.</summary>
public sealed class CorpusDownloadException(string message, Uri url, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public Uri Url { get; } = url;

    /// <summary>The HTTP status when the server answered with an error (e.g. 404), else null.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
