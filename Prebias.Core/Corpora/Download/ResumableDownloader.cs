using System.Net;
using System.Net.Http.Headers;
using Prebias.Core.Corpora.Sandbox;

namespace Prebias.Core.Corpora.Download;

/// <summary>
/// Streams a URL to a file through <c>destination + ".part"</c>. An interrupted download resumes with an HTTP Range
/// request; the resumed bytes are kept only when the server answers 206 with a Content-Range starting where the
/// .part file ends (RFC 9110 §14.4), otherwise the download restarts from zero. The final size must equal the
/// Content-Length (or Content-Range total) before the .part file is renamed to the destination.
/// </summary>
public sealed class ResumableDownloader(HttpClient http, ResumableDownloadOptions? options = null)
{
    private readonly ResumableDownloadOptions _options = options ?? new ResumableDownloadOptions();

    public static string PartPath(string destinationPath) => destinationPath + ".part";

    public async Task<DownloadResult> DownloadAsync(Uri url, string destinationPath,
        IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        var part = PartPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
        var resumed = false;
        Exception? last = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(_options.RetryDelay * (attempt - 1), ct);
            try
            {
                var (bytes, didResume) = await TryOnceAsync(url, part, progress, ct);
                resumed |= didResume;
                File.Move(part, destinationPath, overwrite: true);
                return new DownloadResult(destinationPath, bytes, attempt, resumed);
            }
            catch (HttpRequestException e) when (e.InnerException is UnsafeSourceException refused)
            {
                throw Refused(url, part, refused); // a refused address is refused on every attempt
            }
            catch (UnsafeSourceException refused)
            {
                throw Refused(url, part, refused);
            }
            catch (HttpRequestException e) when (e.StatusCode is null)
            {
                last = e; // no answer at all: DNS, refused connection, TLS; retried, then reported as unreachable
            }
            catch (IOException e)
            {
                last = e; // the connection dropped mid-body or the size was wrong; the .part file is resumed
            }
            catch (RetryableStatusException e)
            {
                last = e;
            }
        }
        throw last switch
        {
            HttpRequestException e => new CorpusDownloadException(
                $"Could not reach {url.Host} to download {url} ({e.HttpRequestError}): {e.Message}", url, null, e),
            RetryableStatusException e => new CorpusDownloadException(
                $"Downloading {url} failed: the server answered {(int)e.Status} {e.Status} on all {_options.MaxAttempts} attempts", url, e.Status, e),
            _ => new CorpusDownloadException(
                $"Downloading {url} failed after {_options.MaxAttempts} attempts: {last?.Message}", url, null, last),
        };
    }

    private static CorpusDownloadException Refused(Uri url, string part, UnsafeSourceException refused)
    {
        if (File.Exists(part)) File.Delete(part); // nothing of a refused response stays on disk
        return new CorpusDownloadException($"Downloading {url} was refused: {refused.Message}", url, null, refused);
    }

    private async Task<(long Bytes, bool Resumed)> TryOnceAsync(Uri url, string part, IProgress<DownloadProgress>? progress,
        CancellationToken ct)
    {
        var existing = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);

        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
        {
            File.Delete(part); // the .part is not a prefix of what the server has now: start over
            throw new IOException($"The server refused to resume at byte {existing}; restarting.");
        }
        if ((int)response.StatusCode >= 500) throw new RetryableStatusException(response.StatusCode);
        if (!response.IsSuccessStatusCode)
            throw new CorpusDownloadException(
                $"Downloading {url} failed: the server answered {(int)response.StatusCode} {response.ReasonPhrase}", url, response.StatusCode);

        var range = response.Content.Headers.ContentRange;
        var resume = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent && range?.From == existing;
        if (!resume) existing = 0; // a 200, or a 206 for some other range: the server ignored our Range
        long? total = resume ? range!.Length : response.Content.Headers.ContentLength;

        await using (var file = new FileStream(part, resume ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var body = await response.Content.ReadAsStreamAsync(ct))
            await CopyWithProgressAsync(body, file, existing, total, progress, ct);

        var length = new FileInfo(part).Length;
        if (total is { } expected && length != expected)
            throw new IOException($"Downloaded {length} bytes but the server announced {expected}.");
        return (length, resume);
    }

    private async Task CopyWithProgressAsync(Stream body, Stream file, long done, long? total,
        IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        var reportedAt = done;
        progress?.Report(new DownloadProgress(done, total));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (true)
        {
            idle.CancelAfter(_options.IdleTimeout);
            int read;
            try
            {
                read = await body.ReadAsync(buffer, idle.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new IOException($"No data received for {_options.IdleTimeout.TotalSeconds:F0} s.");
            }
            if (read == 0) break;
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            done += read;
            if (done - reportedAt >= _options.ProgressEveryBytes)
            {
                progress?.Report(new DownloadProgress(done, total));
                reportedAt = done;
            }
        }
        if (reportedAt != done) progress?.Report(new DownloadProgress(done, total));
    }

    private sealed class RetryableStatusException(HttpStatusCode status) : Exception($"HTTP {(int)status}")
    {
        public HttpStatusCode Status { get; } = status;
    }
}
