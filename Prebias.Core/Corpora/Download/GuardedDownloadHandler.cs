using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Prebias.Core.Corpora.Sandbox;

namespace Prebias.Core.Corpora.Download;

/// <summary>
/// The message handlers of the <c>downloads</c> HttpClient. The primary handler connects only to addresses that
/// <see cref="DownloadAddressPolicy"/> allows, follows at most <see cref="DownloadOptions.MaxRedirects"/> redirects
/// (each hop connects through the same check) and ignores proxies (a proxy would hide the address). The outer
/// handler refuses responses whose Content-Type is not data (an HTML page, an API's problem+json), or whose body is
/// larger than <see cref="DownloadOptions.MaxBytes"/>, announced or streamed.
/// </summary>
public sealed class GuardedDownloadHandler(IOptions<DownloadOptions> options) : DelegatingHandler
{
    public static SocketsHttpHandler CreatePrimary(DownloadAddressPolicy policy, DownloadOptions options) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = options.MaxRedirects > 0,
        MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await policy.ResolveAsync(context.DnsEndPoint.Host, ct);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var url = response.RequestMessage?.RequestUri ?? request.RequestUri!;
        var limits = options.Value;
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            response.Dispose();
            throw new UnsafeSourceException($"{request.RequestUri} redirects more than {limits.MaxRedirects} times (Prebias:Download:MaxRedirects)");
        }
        if (!response.IsSuccessStatusCode) return response;
        try
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            if (type is not null && !limits.AllowedContentTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
                throw new UnsafeSourceException($"{url} answered Content-Type {type}, which is not JSON, JSONL, text or an archive");
            var from = response.Content.Headers.ContentRange?.From ?? 0;
            var total = response.Content.Headers.ContentRange?.Length ?? response.Content.Headers.ContentLength + from;
            if (total > limits.MaxBytes)
                throw new UnsafeSourceException($"{url} is {total:N0} bytes, larger than the limit of {limits.MaxBytes:N0} bytes (Prebias:Download:MaxBytes)");
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var guarded = new StreamContent(new GuardedReadStream(body, limits.MaxBytes - from, cancellationToken, "Prebias:Download:MaxBytes"), 1 << 16);
            foreach (var header in response.Content.Headers) guarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = guarded;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
