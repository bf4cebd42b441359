using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;

namespace Prebias.Tests.Lifecycle;

/// <summary>DELETE cancels a resource's jobs and keeps what it wrote; ?purge=true removes a finished one, unless something depends on it.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResourceControlTests(ApiFixture api)
{
    [Fact]
    public async Task DeleteRun_CancelsTrainingAndEvaluation_KeepsCheckpoints_ThenPurgeRemovesIt()
    {
        var p = await PipelineFixture.GetAsync(api);
        var body = JsonSerializer.SerializeToNode(TrainingApiTests.TinyRun(p.DatasetId, maxIters: 5000))!;
        body["evaluate"] = true;
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", body);
        using var worker = await api.StartWorkerAsync("gpu");
        await Poll.UntilAsync(() => p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/checkpoints"),
            c => c!.Length >= 3, TimeSpan.FromMinutes(3), "checkpoints to be written");

        // Purging an unfinished run is refused; DELETE cancels it.
        Assert.Equal(HttpStatusCode.Conflict, (await p.Client.DeleteAsync($"/api/runs/{runId}?purge=true")).StatusCode);
        var delete = await p.Client.DeleteAsync($"/api/runs/{runId}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.True((await delete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobsCancelled").GetInt32() >= 1);
        var training = await p.Client.WaitForJobAsync(job, TimeSpan.FromSeconds(90));
        Assert.Equal("Deleted", training.GetProperty("state").GetString());
        var run = await p.Client.GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("Cancelled", run.GetProperty("state").GetString());

        // Every job of the run (training and the evaluations it enqueued) has ended, and the worker is free at once.
        var stop = worker.StopAsync();
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(60))));
        var jobs = (await p.Client.GetFromJsonAsync<JsonElement[]>("/api/jobs?limit=1000"))!
            .Where(j => j.GetProperty("resourceId").GetString() == runId).ToList();
        Assert.Contains(jobs, j => j.GetProperty("type").GetString() == "Evaluation");
        Assert.All(jobs, j => Assert.Contains(j.GetProperty("state").GetString(), new[] { "Succeeded", "Failed", "Deleted" }));

        // The checkpoints stay, files included.
        var checkpoints = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/checkpoints"))!;
        Assert.True(checkpoints.Length >= 3);
        var step = checkpoints[^1].GetProperty("step").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/{step}/export/safetensors")).StatusCode);
        var folder = Path.Combine(api.ArtifactsPath, "runs", Guid.Parse(runId).ToString("N"));
        Assert.True(Directory.Exists(folder));
        await LifecycleProbe.AssertNoOrphanedRowsAsync(api);

        // Purge: rows and artifacts gone.
        Assert.Equal(HttpStatusCode.NoContent, (await p.Client.DeleteAsync($"/api/runs/{runId}?purge=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{runId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{runId}/checkpoints")).StatusCode);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Purge_IsRefusedWhileSomethingDependsOnIt_AndRemovesAChainInOrder()
    {
        var p = await PipelineFixture.GetAsync(api);
        // The pipeline's corpus, tokenizer and dataset are used by later steps (a run that depends on the dataset).
        var (runId, _) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId));
        foreach (var path in new[] { $"/api/datasets/{p.DatasetId}", $"/api/tokenizers/{p.TokenizerId}", $"/api/corpora/{p.CorpusId}" })
        {
            var refused = await p.Client.DeleteAsync(path + "?purge=true");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("depend", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.Accepted, (await p.Client.DeleteAsync($"/api/runs/{runId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await p.Client.DeleteAsync($"/api/runs/{runId}?purge=true")).StatusCode);

        // A chain of its own: a corpus → a dataset (with the pipeline's tokenizer), purged last step first; and a
        // GPT-2 tokenizer nothing uses.
        var (corpusId, corpusJob) = await p.Client.PostWorkAsync("/api/corpora", new { name = "purged", source = PipelineFixture.SyntheticSource(11, 40) });
        var (datasetId, datasetJob) = await p.Client.PostWorkAsync("/api/datasets", new { corpusId, tokenizerId = p.TokenizerId, maxSeqLen = 64, valFraction = 0.1, seed = 1 });
        var (tokenizerId, tokenizerJob) = await p.Client.PostWorkAsync("/api/tokenizers", new { name = "gpt2", kind = "gpt2" });
        await p.Client.WaitForSuccessAsync(corpusJob);
        await p.Client.WaitForSuccessAsync(datasetJob);
        await p.Client.WaitForSuccessAsync(tokenizerJob);

        Assert.Equal(HttpStatusCode.Conflict, (await p.Client.DeleteAsync($"/api/corpora/{corpusId}?purge=true")).StatusCode);
        // A finished resource has nothing to cancel.
        Assert.Equal(HttpStatusCode.Conflict, (await p.Client.DeleteAsync($"/api/datasets/{datasetId}")).StatusCode);
        Assert.True(Directory.Exists(Path.Combine(api.ArtifactsPath, $"datasets/{Guid.Parse(datasetId):N}")));
        Assert.Equal(HttpStatusCode.NoContent, (await p.Client.DeleteAsync($"/api/datasets/{datasetId}?purge=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await p.Client.DeleteAsync($"/api/corpora/{corpusId}?purge=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await p.Client.DeleteAsync($"/api/tokenizers/{tokenizerId}?purge=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/datasets/{datasetId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/corpora/{corpusId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/tokenizers/{tokenizerId}")).StatusCode);
        foreach (var folder in new[] { $"datasets/{Guid.Parse(datasetId):N}", $"corpora/{Guid.Parse(corpusId):N}" })
            Assert.False(Directory.Exists(Path.Combine(api.ArtifactsPath, folder)), folder);
        // The pipeline's own resources are untouched.
        Assert.Equal("Ready", (await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}")).GetProperty("state").GetString());
        await LifecycleProbe.AssertNoOrphanedRowsAsync(api);
    }
}
