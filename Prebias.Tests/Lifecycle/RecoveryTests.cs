using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Core.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prebias.Tests.Infrastructure;
using Prebias.Workers.Demo;

namespace Prebias.Tests.Lifecycle;

/// <summary>After a database outage: readiness counts only live servers, and the demo client rides out 500/503 on reads.</summary>
[Collection(ApiCollection.Name)]
public sealed class RecoveryTests(ApiFixture api)
{
    [Fact]
    public async Task Readiness_CountsOnlyServersWithARecentHeartbeat()
    {
        using var worker = await api.StartWorkerAsync("default");
        using var client = api.CreateClient();
        var before = await Poll.UntilAsync(() => LiveServersAsync(client), n => n >= 1, TimeSpan.FromSeconds(60),
            "a live server");
        // A server also registers the recurring reconciler.
        using (var connection = api.Services.GetRequiredService<JobStorage>().GetConnection())
            Assert.Contains(connection.GetRecurringJobs(), r => r.Id == ResourceReconcilerJob.RecurringId && r.Queue == "default");

        // A server that stopped beating ten minutes ago (killed, or cut off by an outage) is still listed until a
        // watchdog removes it; readiness must not count it.
        var dead = $"dead-{Guid.NewGuid():N}";
        await LifecycleProbe.ExecuteAsync(api,
            "INSERT INTO hangfire.server (id, data, lastheartbeat) VALUES (@id, @data::jsonb, now() - interval '10 minutes')",
            ("id", dead), ("data", $$"""{"WorkerCount":1,"Queues":["default"],"StartedAt":"{{DateTime.UtcNow.AddHours(-1):O}}"}"""));
        try
        {
            var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");
            var description = ready.GetProperty("checks").GetProperty("hangfire").GetProperty("description").GetString()!;
            Assert.StartsWith($"{before} live Hangfire server(s)", description);
            Assert.Contains("without a heartbeat", description);
        }
        finally
        {
            await LifecycleProbe.ExecuteAsync(api, "DELETE FROM hangfire.server WHERE id = @id", ("id", dead));
            await worker.StopAsync();
        }
    }

    private static async Task<int> LiveServersAsync(HttpClient client)
    {
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        var description = ready.GetProperty("checks").GetProperty("hangfire").GetProperty("description").GetString()!;
        return int.Parse(description.Split(' ')[0]);
    }

    [Fact]
    public async Task DemoClient_RetriesReadsOn500And503_ButNotOn404()
    {
        await using var server = await FlakyServer.StartAsync([503, 500, 503]);
        using var client = new PrebiasClient(new HttpClient { BaseAddress = server.BaseUrl })
        {
            ReadRetryDelays = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(20), 5)],
        };

        var value = await client.GetAsync("api/thing", CancellationToken.None);
        Assert.Equal(42, value.GetProperty("answer").GetInt32());
        Assert.Equal(4, server.Requests("/api/thing"));

        var missing = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("api/missing", CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1, server.Requests("/api/missing"));

        // Retries run out: the last failure is reported.
        await using var down = await FlakyServer.StartAsync(Enumerable.Repeat(503, 100).ToArray());
        using var patient = new PrebiasClient(new HttpClient { BaseAddress = down.BaseUrl }) { ReadRetryDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)] };
        var gaveUp = await Assert.ThrowsAsync<HttpRequestException>(() => patient.GetAsync("api/thing", CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gaveUp.StatusCode);
        Assert.Equal(3, down.Requests("/api/thing"));
    }

    /// <summary>A loopback server whose /api/thing fails with the given statuses first, then answers; other paths are 404.</summary>
    private sealed class FlakyServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Dictionary<string, int> _requests = [];

        private FlakyServer(int[] failures)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            _app = builder.Build();
            _app.Run(context =>
            {
                int n;
                lock (_requests) n = _requests[context.Request.Path] = _requests.GetValueOrDefault(context.Request.Path) + 1;
                if (context.Request.Path != "/api/thing") { context.Response.StatusCode = 404; return Task.CompletedTask; }
                if (n <= failures.Length) { context.Response.StatusCode = failures[n - 1]; return Task.CompletedTask; }
                return context.Response.WriteAsJsonAsync(new { answer = 42 });
            });
        }

        public Uri BaseUrl => new(_app.Urls.First() + "/");

        public int Requests(string path) { lock (_requests) return _requests.GetValueOrDefault(path); }

        public static async Task<FlakyServer> StartAsync(int[] failures)
        {
            var server = new FlakyServer(failures);
            await server._app.StartAsync();
            return server;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
