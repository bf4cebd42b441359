using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Prebias.Tests.Corpora;

/// <summary>
/// A Kestrel server on 127.0.0.1 (random port) serving one file at /file with "Range: bytes=N-" support.
/// <see cref="DropFirstRequestAfter"/> makes the first request send that many bytes and then abort the connection;
/// <see cref="IgnoreRange"/> makes it answer 200 with the whole file like a server without Range support.
/// </summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _content;
    private int _requests;
    private int _allRequests;

    private LoopbackFileServer(byte[] content)
    {
        _content = content;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _allRequests);
            await next(context);
        });
        _app.MapGet("/file", Serve);
    }

    public long? DropFirstRequestAfter { get; init; }

    public bool IgnoreRange { get; init; }

    /// <summary>Requests to any path (a 404 included).</summary>
    public int AllRequests => Volatile.Read(ref _allRequests);

    /// <summary>The Range header of each request, in order (null when absent).</summary>
    public List<string?> RangeHeaders { get; } = [];

    public Uri FileUrl => new(new Uri(_app.Urls.First()), "/file");

    public Uri MissingUrl => new(new Uri(_app.Urls.First()), "/missing");

    public static async Task<LoopbackFileServer> StartAsync(byte[] content, long? dropFirstRequestAfter = null, bool ignoreRange = false)
    {
        var server = new LoopbackFileServer(content) { DropFirstRequestAfter = dropFirstRequestAfter, IgnoreRange = ignoreRange };
        await server._app.StartAsync();
        return server;
    }

    private async Task Serve(HttpContext context)
    {
        var first = Interlocked.Increment(ref _requests) == 1;
        string? range = context.Request.Headers.Range;
        lock (RangeHeaders) RangeHeaders.Add(range);
        long from = 0;
        if (!IgnoreRange && range is not null && range.StartsWith("bytes=") && range.EndsWith('-'))
        {
            from = long.Parse(range["bytes=".Length..^1]);
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {from}-{_content.Length - 1}/{_content.Length}";
        }
        context.Response.ContentLength = _content.Length - from;
        if (first && DropFirstRequestAfter is { } cut)
        {
            await context.Response.Body.WriteAsync(_content.AsMemory((int)from, (int)cut));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }
        await context.Response.Body.WriteAsync(_content.AsMemory((int)from));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
