using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>Training runs through the API on the pipeline's dataset (512-piece vocabulary, 128-token context).</summary>
[Collection(ApiCollection.Name)]
public sealed class TrainingApiTests(ApiFixture api)
{
    public static object TinyRun(string datasetId, object? ordering = null, long seed = 3, int maxIters = 12) => new
    {
        datasetId, seed, ordering,
        model = new { preset = "stories260k", dim = 32, nLayers = 2, nHeads = 4, nKvHeads = 2 },
        training = new { batchSize = 8, maxIters, evalInterval = 4, evalIters = 2, warmupIters = 2, learningRate = 3e-3, threads = 2 },
    };

    [Fact]
    public async Task Run_TrainsWithCheckpointsLossesLedgerAndExports()
    {
        var p = await PipelineFixture.GetAsync(api);
        using var worker = await api.StartWorkerAsync("gpu");
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", TinyRun(p.DatasetId));
        await p.Client.WaitForSuccessAsync(job, TimeSpan.FromMinutes(3));
        await worker.StopAsync();

        var run = await p.Client.GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("Succeeded", run.GetProperty("state").GetString());
        Assert.Equal(64, run.GetProperty("orderSha256").GetString()!.Length);
        Assert.Equal("0.107.0", run.GetProperty("versions").GetProperty("torchSharp").GetString());
        Assert.Equal(512, run.GetProperty("model").GetProperty("vocabSize").GetInt32());

        // Checkpoints every evalInterval (4) and at the end, plus the log-spaced 1 and 2 below the first interval.
        var checkpoints = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/checkpoints"))!;
        Assert.Equal(new long[] { 0, 1, 2, 4, 8, 12 }, checkpoints.Select(c => c.GetProperty("step").GetInt64()));
        Assert.Equal(new long[] { 0, 8, 16, 32, 64, 96 }, checkpoints.Select(c => c.GetProperty("samplesSeen").GetInt64()));
        Assert.True(checkpoints[^1].GetProperty("trainLoss").GetDouble() < checkpoints[0].GetProperty("trainLoss").GetDouble() - 0.3,
            $"loss did not fall: {checkpoints[0].GetProperty("trainLoss")} → {checkpoints[^1].GetProperty("trainLoss")}");

        var losses = await p.Client.GetStringAsync($"/api/runs/{runId}/losses?format=csv");
        Assert.Equal(13, losses.TrimEnd('\n').Split('\n').Length); // header + steps 0..11

        // The ledger: step 3 is order positions [24, 32); every id is a train sample; step 0's come first.
        var step3 = await p.Client.GetJsonAsync($"/api/runs/{runId}/steps/3/samples");
        var ids = step3.GetProperty("microBatches")[0].EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(24, step3.GetProperty("samplesSeenBefore").GetInt64());
        foreach (var id in ids)
            Assert.Equal("train", (await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples/{id}")).GetProperty("split").GetString());

        // llama2.c model.bin: 7 int32 header fields, then fp32 tensors (no output: it is tied to the embeddings).
        var bin = await p.Client.GetByteArrayAsync($"/api/runs/{runId}/checkpoints/12/export/llama2c");
        var header = Enumerable.Range(0, 7).Select(i => BitConverter.ToInt32(bin, i * 4)).ToArray();
        const int dim = 32, hidden = 88, layers = 2, heads = 4, kvHeads = 2, vocab = 512, seq = 128, kvDim = dim / heads * kvHeads;
        Assert.Equal(new[] { dim, hidden, layers, heads, kvHeads, vocab, seq }, header);
        long floats = vocab * dim + layers * (dim + dim * dim + 2 * dim * kvDim + dim * dim + dim + 3 * dim * hidden) + dim + 2 * seq * (dim / heads / 2);
        Assert.Equal(28 + 4 * floats, bin.Length);

        var safetensors = await p.Client.GetByteArrayAsync($"/api/runs/{runId}/checkpoints/12/export/safetensors");
        var headerLength = BitConverter.ToInt64(safetensors, 0);
        var names = JsonDocument.Parse(safetensors.AsMemory(8, (int)headerLength)).RootElement.EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("tok_embeddings.weight", names);
        Assert.Contains("layers.1.attention.wq.weight", names);
        Assert.Contains("layers.0.feed_forward.w3.weight", names);
        Assert.Contains("norm.weight", names);
    }

    [Fact]
    public async Task SameSeedAndData_GiveTheSameWeights_AndSortOrderFollowsTheMetric()
    {
        var p = await PipelineFixture.GetAsync(api);
        using var worker = await api.StartWorkerAsync("gpu");
        var sorted = new { method = "sort_desc", metric = "sentiment" };
        var (a, jobA) = await p.Client.PostWorkAsync("/api/runs", TinyRun(p.DatasetId, sorted, maxIters: 6));
        var (b, jobB) = await p.Client.PostWorkAsync("/api/runs", TinyRun(p.DatasetId, sorted, maxIters: 6));
        await p.Client.WaitForSuccessAsync(jobA, TimeSpan.FromMinutes(3));
        await p.Client.WaitForSuccessAsync(jobB, TimeSpan.FromMinutes(3));
        await worker.StopAsync();

        var lastA = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{a}/checkpoints"))![^1];
        var lastB = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{b}/checkpoints"))![^1];
        Assert.Equal(lastA.GetProperty("weightsSha256").GetString(), lastB.GetProperty("weightsSha256").GetString());

        // sort_desc: every sample of step 0 is at least as positive as every sample of step 5.
        async Task<double[]> Sentiments(int step)
        {
            var ids = (await p.Client.GetJsonAsync($"/api/runs/{a}/steps/{step}/samples")).GetProperty("microBatches")[0].EnumerateArray().Select(e => e.GetInt32());
            var page = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?sort=sentiment&order=desc&limit=1000");
            var byId = page.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt32(), i => i.GetProperty("metrics").GetProperty("sentiment").GetDouble());
            return ids.Select(id => byId[id]).ToArray();
        }
        Assert.True((await Sentiments(0)).Min() >= (await Sentiments(5)).Max());
    }

    [Theory]
    [InlineData("{\"datasetId\": \"%D\", \"model\": {\"preset\": \"gpt5\"}}")]
    [InlineData("{\"datasetId\": \"%D\", \"ordering\": {\"method\": \"sort_asc\"}}")]
    [InlineData("{\"datasetId\": \"%D\", \"ordering\": {\"method\": \"sort_asc\", \"metric\": \"wisdom\"}}")]
    [InlineData("{\"datasetId\": \"%D\", \"ordering\": {\"method\": \"sort_asc\", \"metric\": \"perplexity\"}}")]
    [InlineData("{\"datasetId\": \"%D\", \"training\": {\"batchSize\": 0}}")]
    [InlineData("{\"datasetId\": \"00000000-0000-0000-0000-000000000001\"}")]
    public async Task CreateRun_Returns400_WhenRequestIsBad(string body)
    {
        var p = await PipelineFixture.GetAsync(api);
        var response = await p.Client.PostAsync("/api/runs", new StringContent(body.Replace("%D", p.DatasetId), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ThresholdKeepingNothing_FailsTheJobReadably_AndUnknownCheckpointIs404()
    {
        var p = await PipelineFixture.GetAsync(api);
        using var worker = await api.StartWorkerAsync("gpu");
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", TinyRun(p.DatasetId, new { method = "threshold", metric = "sentiment", min = 5.0 }));
        var failed = await p.Client.WaitForJobAsync(job);
        await worker.StopAsync();
        Assert.Equal("Failed", failed.GetProperty("state").GetString());
        Assert.Contains("keeps no samples", failed.GetProperty("error").GetString());
        Assert.Equal("Failed", (await p.Client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/4/export/llama2c")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{Guid.NewGuid()}")).StatusCode);
    }
}
