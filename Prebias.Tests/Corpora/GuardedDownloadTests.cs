using Microsoft.Extensions.Options;
using Prebias.Core.Corpora.Download;

namespace Prebias.Tests.Corpora;

/// <summary>The guarded downloads client on its own, with limits small enough to hit: the body size, announced or
/// streamed, and the redirect count. Nothing of a refused response stays on disk.</summary>
public sealed class GuardedDownloadTests
{
    private static HttpClient Client(DownloadOptions options)
    {
        var policy = new DownloadAddressPolicy(Options.Create(options));
        return new HttpClient(new GuardedDownloadHandler(Options.Create(options)) { InnerHandler = GuardedDownloadHandler.CreatePrimary(policy, options) });
    }

    private static ResumableDownloadOptions Fast => new() { MaxAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(10) };

    [Theory]
    [InlineData("/data.jsonl", 20)]   // Content-Length announces more than the limit
    [InlineData("/chunked", 10_000)]  // no length: the limit hits while streaming
    public async Task Download_IsRefused_PastMaxBytes_AndLeavesNoPartFile(string path, long maxBytes)
    {
        await using var server = await LoopbackSourceServer.StartAsync();
        using var temp = new TempDirectory();
        using var http = Client(new DownloadOptions { AllowedHosts = ["127.0.0.1"], MaxBytes = maxBytes });
        var destination = temp.File("file");
        var error = await Assert.ThrowsAsync<CorpusDownloadException>(() =>
            new ResumableDownloader(http, Fast).DownloadAsync(new Uri(server.Url(path)), destination));
        Assert.Contains($"{maxBytes:N0} bytes", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal(1, server.RequestsTo(path)); // refused, not retried
    }

    [Fact]
    public async Task Download_FollowsRedirectsUpToTheCap_ThenRefuses()
    {
        await using var server = await LoopbackSourceServer.StartAsync();
        using var temp = new TempDirectory();
        using var http = Client(new DownloadOptions { AllowedHosts = ["127.0.0.1"], MaxRedirects = 2 });
        var result = await new ResumableDownloader(http, Fast).DownloadAsync(new Uri(server.RedirectTo(server.Url("/data.jsonl"))), temp.File("ok"));
        Assert.Equal(LoopbackSourceServer.Jsonl, await File.ReadAllTextAsync(result.Path));

        var error = await Assert.ThrowsAsync<CorpusDownloadException>(() =>
            new ResumableDownloader(http, Fast).DownloadAsync(new Uri(server.Url("/loop")), temp.File("loop")));
        Assert.Contains("redirects more than 2", error.Message);
        Assert.Equal(3, server.RequestsTo("/loop")); // the first request and two hops
    }
}
