using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>The single-prompt endpoint behind the dashboard's prompt box: a trained checkpoint, the batch-1 decoder.</summary>
[Collection(ApiCollection.Name)]
public sealed class PromptGenerationApiTests(ApiFixture api)
{
    [Fact]
    public async Task Generate_ContinuesAPromptGreedily_Deterministically_AndRejectsBadInput()
    {
        var p = await PipelineFixture.GetAsync(api);
        using var worker = await api.StartWorkerAsync("gpu");
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, seed: 23, maxIters: 4));
        await p.Client.WaitForSuccessAsync(job, TimeSpan.FromMinutes(3));
        await worker.StopAsync();

        var url = $"/api/runs/{runId}/checkpoints/4/generate?prompt={Uri.EscapeDataString("Once upon a time")}&maxTokens=20";
        var first = await p.Client.GetFromJsonAsync<JsonElement>(url);
        var second = await p.Client.GetFromJsonAsync<JsonElement>(url);
        var ids = first.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.InRange(ids.Length, 0, 20);
        Assert.Equal(ids, second.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal("Once upon a time", first.GetProperty("prompt").GetString());
        Assert.Equal(first.GetProperty("text").GetString(), second.GetProperty("text").GetString());
        Assert.DoesNotContain(1, ids); // stops before BOS, as run.c

        var bad = await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/4/generate?maxTokens=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("maxTokens", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/3/generate")).StatusCode);
    }
}
