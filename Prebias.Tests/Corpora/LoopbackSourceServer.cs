using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Prebias.Tests.Corpora;

/// <summary>
/// A Kestrel server on 127.0.0.1 (random port) playing the sources a url import may meet: JSONL data, an HTML page,
/// a redirect to any URL, a redirect loop, a chunked body without Content-Length, and a body that trickles forever.
/// Counts requests per path so tests can prove a refused URL was never fetched.
/// </summary>
public sealed class LoopbackSourceServer : IAsyncDisposable
{
    public const string Jsonl = "{\"story\": \"A fox ran.\"}\n{\"story\": \"A hen sat.\"}\n";

    private readonly WebApplication _app;

    private LoopbackSourceServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Requests.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await next(context);
        });
        _app.MapGet("/data.jsonl", () => Results.Text(Jsonl, "application/x-ndjson"));
        _app.MapGet("/page.html", () => Results.Text("<html><body>{\"story\": \"not data\"}</body></html>", "text/html"));
        _app.MapGet("/redirect", (string to) => Results.Redirect(to));
        _app.MapGet("/loop", () => Results.Redirect("/loop"));
        _app.MapGet("/chunked", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            for (var i = 0; i < 64; i++) await context.Response.WriteAsync(new string('x', 1023) + "\n");
        });
        _app.MapGet("/trickle.txt", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync("Once upon a time.\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(50, context.RequestAborted);
            }
        });
    }

    public ConcurrentDictionary<string, int> Requests { get; } = new();

    public int RequestsTo(string path) => Requests.GetValueOrDefault(path);

    public int Port => new Uri(_app.Urls.First()).Port;

    /// <summary>The URL of <paramref name="path"/> on 127.0.0.1 (allowlisted by the test API).</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>The same server as "localhost": a loopback name that is not allowlisted.</summary>
    public string LocalhostUrl(string path) => $"http://localhost:{Port}{path}";

    public string RedirectTo(string target) => Url("/redirect?to=" + Uri.EscapeDataString(target));

    public static async Task<LoopbackSourceServer> StartAsync()
    {
        var server = new LoopbackSourceServer();
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Encodes text as UTF-8 (for upload bodies).</summary>
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
