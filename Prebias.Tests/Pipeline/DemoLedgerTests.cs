using Prebias.Tests.Corpora;
using Prebias.Tests.Infrastructure;
using Prebias.Workers.Demo;

namespace Prebias.Tests.Pipeline;

/// <summary>A second demo run sends the same requests: they reuse the first run's resources, unless the spec
/// changed or the earlier job failed.</summary>
[Collection(ApiCollection.Name)]
public sealed class DemoLedgerTests(ApiFixture api)
{
    [Fact]
    public async Task RepeatedRequests_ReuseTheirResources_UnlessTheSpecChangedOrTheJobFailed()
    {
        var p = await PipelineFixture.GetAsync(api);
        await using var server = await LoopbackSourceServer.StartAsync();
        using var temp = new TempDirectory();
        var ledger = temp.File("demo-ledger.json");
        // Each client is a fresh demo process: it knows the earlier run only from the ledger file.
        HttpClient Demo()
        {
            var client = new HttpClient(new DemoLedgerHandler(ledger) { InnerHandler = api.Server.CreateHandler() }) { BaseAddress = api.Server.BaseAddress };
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiFixture.ApiKey);
            return client;
        }
        var name = $"ledger-{Guid.NewGuid():N}";
        object Synthetic(int seed) => new { name, source = new { kind = "synthetic", synthetic = new { seed, documents = 20 } } };

        using var first = Demo();
        var (id, job) = await first.PostWorkAsync("/api/corpora", Synthetic(1));
        await first.WaitForSuccessAsync(job);

        using var second = Demo();
        var (again, againJob) = await second.PostWorkAsync("/api/corpora", Synthetic(1));
        Assert.Equal((id, job), (again, againJob));
        var (other, _) = await second.PostWorkAsync("/api/corpora", Synthetic(2));
        Assert.NotEqual(id, other);
        var named = (await p.Client.GetJsonAsync("/api/corpora")).EnumerateArray().Count(c => c.GetProperty("name").GetString() == name);
        Assert.Equal(2, named);

        // The metrics job links to a table (an array), not to an object with a state.
        var (_, metricsJob) = await second.PostWorkAsync($"/api/datasets/{p.DatasetId}/metrics", new { });
        using var fourth = Demo();
        Assert.Equal(metricsJob, (await fourth.PostWorkAsync($"/api/datasets/{p.DatasetId}/metrics", new { })).JobId);
        await fourth.WaitForSuccessAsync(metricsJob);

        var failing = new { name, source = new { kind = "url", url = server.Url("/missing.jsonl") } };
        var (failed, failedJob) = await second.PostWorkAsync("/api/corpora", failing);
        Assert.Equal("Failed", (await second.WaitForJobAsync(failedJob)).GetProperty("state").GetString());
        using var third = Demo();
        var (retried, _) = await third.PostWorkAsync("/api/corpora", failing);
        Assert.NotEqual(failed, retried);
    }
}
