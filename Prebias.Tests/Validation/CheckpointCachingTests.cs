using System.Net;
using System.Net.Http.Headers;
using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;

namespace Prebias.Tests.Validation;

/// <summary>Checkpoint-derived exports and plots carry an ETag and answer 304 to a matching If-None-Match.</summary>
[Collection(ApiCollection.Name)]
public sealed class CheckpointCachingTests(ApiFixture api)
{
    [Fact]
    public async Task ExportsAndPlots_CarryETag_AndAnswer304WhenUnchanged()
    {
        var p = await PipelineFixture.GetAsync(api);
        using var worker = await api.StartWorkerAsync("gpu");
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, maxIters: 2));
        await p.Client.WaitForSuccessAsync(job, TimeSpan.FromMinutes(3));
        await worker.StopAsync();

        var tags = new List<string>();
        foreach (var path in new[] { "export/safetensors", "export/llama2c", "attention.png", "attention.png?layer=0&head=1", "attention" })
        {
            var url = $"/api/runs/{runId}/checkpoints/2/{path}";
            using var first = await p.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.Contains("max-age", first.Headers.CacheControl?.ToString());
            Assert.NotEmpty(await first.Content.ReadAsByteArrayAsync());
            tags.Add(etag.Tag);

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var cached = await p.Client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
            Assert.Equal(etag, cached.Headers.ETag);
            Assert.Empty(await cached.Content.ReadAsByteArrayAsync());

            using var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
            Assert.Equal(HttpStatusCode.OK, (await p.Client.SendAsync(stale)).StatusCode);
        }
        Assert.Equal(tags.Count, tags.Distinct().Count()); // one tag per representation

        // Another checkpoint, other weights: another tag. Not evaluated yet: 409 and nothing to cache.
        using var earlier = await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/1/export/safetensors");
        Assert.NotEqual(tags[0], earlier.Headers.ETag?.Tag);
        using var notEvaluated = await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/2/layers.png");
        Assert.Equal(HttpStatusCode.Conflict, notEvaluated.StatusCode);
        Assert.Null(notEvaluated.Headers.ETag);
    }
}
