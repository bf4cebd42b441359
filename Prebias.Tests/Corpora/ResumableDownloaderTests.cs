using System.Net;
using System.Net.Sockets;
using Prebias.Core.Corpora.Download;

namespace Prebias.Tests.Corpora;

public class ResumableDownloaderTests
{
    private static readonly ResumableDownloadOptions Fast = new() { MaxAttempts = 3, RetryDelay = TimeSpan.Zero, ProgressEveryBytes = 1 };

    private static byte[] Content(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)(i * 31 + i / 256);
        return bytes;
    }

    [Fact]
    public async Task DownloadAsync_ResumesWithRange_WhenFirstConnectionDropsMidway()
    {
        var content = Content(300_000);
        await using var server = await LoopbackFileServer.StartAsync(content, dropFirstRequestAfter: 100_000);
        using var temp = new TempDirectory();
        using var http = new HttpClient();
        var reports = new List<DownloadProgress>();
        var progress = new SynchronousProgress<DownloadProgress>(reports.Add);

        var result = await new ResumableDownloader(http, Fast).DownloadAsync(server.FileUrl, temp.File("a.tar.gz"), progress);

        Assert.Equal(content, File.ReadAllBytes(temp.File("a.tar.gz")));
        Assert.Equal(2, result.Attempts);
        Assert.True(result.Resumed);
        Assert.Equal(300_000, result.Bytes);
        Assert.Null(server.RangeHeaders[0]);
        Assert.Equal("bytes=100000-", server.RangeHeaders[1]);
        Assert.Equal(new DownloadProgress(300_000, 300_000), reports[^1]);
        Assert.False(File.Exists(ResumableDownloader.PartPath(temp.File("a.tar.gz"))));
    }

    [Fact]
    public async Task DownloadAsync_ContinuesThePartFile_WhenAPreviousRunWasInterrupted()
    {
        var content = Content(50_000);
        await using var server = await LoopbackFileServer.StartAsync(content);
        using var temp = new TempDirectory();
        File.WriteAllBytes(ResumableDownloader.PartPath(temp.File("a.bin")), content[..20_000]);
        using var http = new HttpClient();

        var result = await new ResumableDownloader(http, Fast).DownloadAsync(server.FileUrl, temp.File("a.bin"));

        Assert.Equal(content, File.ReadAllBytes(temp.File("a.bin")));
        Assert.True(result.Resumed);
        Assert.Equal(["bytes=20000-"], server.RangeHeaders);
    }

    [Fact]
    public async Task DownloadAsync_RestartsFromZero_WhenServerIgnoresRange()
    {
        var content = Content(50_000);
        await using var server = await LoopbackFileServer.StartAsync(content, ignoreRange: true);
        using var temp = new TempDirectory();
        File.WriteAllBytes(ResumableDownloader.PartPath(temp.File("a.bin")), new byte[20_000]); // stale zeros
        using var http = new HttpClient();

        var result = await new ResumableDownloader(http, Fast).DownloadAsync(server.FileUrl, temp.File("a.bin"));

        Assert.Equal(content, File.ReadAllBytes(temp.File("a.bin")));
        Assert.False(result.Resumed);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task DownloadAsync_ThrowsWithStatus_WhenServerAnswers404()
    {
        await using var server = await LoopbackFileServer.StartAsync(Content(10));
        using var temp = new TempDirectory();
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<CorpusDownloadException>(() =>
            new ResumableDownloader(http, Fast).DownloadAsync(server.MissingUrl, temp.File("a.bin")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("404", error.Message);
        Assert.Equal(1, server.AllRequests); // a 4xx is final, not retried
        Assert.False(File.Exists(temp.File("a.bin")));
    }

    [Fact]
    public async Task DownloadAsync_ThrowsUnreachable_WhenNothingListensOnThePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // the port is now closed: connections are refused
        using var temp = new TempDirectory();
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<CorpusDownloadException>(() =>
            new ResumableDownloader(http, Fast with { MaxAttempts = 2 })
                .DownloadAsync(new Uri($"http://127.0.0.1:{port}/x.tar.gz"), temp.File("a.bin")));

        Assert.StartsWith("Could not reach 127.0.0.1", error.Message);
        Assert.Null(error.StatusCode);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one reports inline so the test sees every report in order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
