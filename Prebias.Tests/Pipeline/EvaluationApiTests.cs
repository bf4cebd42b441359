using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>Checkpoint evaluation through the API: saturation table, input windows from the ledger, probes, views, plots.</summary>
[Collection(ApiCollection.Name)]
public sealed class EvaluationApiTests(ApiFixture api)
{
    private static string? _runId;

    internal static async Task<(PipelineFixture P, string RunId)> EvaluatedRunAsync(ApiFixture api)
    {
        var p = await PipelineFixture.GetAsync(api);
        if (_runId is not null) return (p, _runId);
        using var worker = await api.StartWorkerAsync("gpu");
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, seed: 21, maxIters: 8));
        await p.Client.WaitForSuccessAsync(job, TimeSpan.FromMinutes(3));
        await worker.StopAsync();
        var (_, evaluation) = await p.Client.PostWorkAsync($"/api/runs/{runId}/evaluations", new { });
        await p.Client.WaitForSuccessAsync(evaluation, TimeSpan.FromMinutes(5));
        return (p, _runId = runId);
    }

    [Fact]
    public async Task Saturation_HasEveryCheckpointAndMetric_WithInputWindowsMatchingTheLedger()
    {
        var (p, runId) = await EvaluatedRunAsync(api);
        var rows = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/saturation"))!;
        var steps = rows.Select(r => r.GetProperty("step").GetInt64()).Distinct().Order().ToArray();
        Assert.Equal(new long[] { 0, 1, 2, 4, 8 }, steps);
        Assert.Contains(rows, r => r.GetProperty("metric").GetString() == "sentiment" && r.GetProperty("output").ValueKind == JsonValueKind.Number);

        // Window of checkpoint 4 = samples of steps 2 and 3; cumulative = steps 0..3. Means by hand from the ledger.
        var page1 = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?limit=1000");
        var page2 = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?limit=1000&after={page1.GetProperty("next").GetString()}");
        var sentiment = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray())
            .ToDictionary(i => i.GetProperty("id").GetInt32(), i => i.GetProperty("metrics").GetProperty("sentiment").GetDouble());
        async Task<int[]> Step(int k) => [.. (await p.Client.GetJsonAsync($"/api/runs/{runId}/steps/{k}/samples")).GetProperty("microBatches")[0].EnumerateArray().Select(e => e.GetInt32())];
        var window = (await Step(2)).Concat(await Step(3)).ToArray();
        var cumulative = (await Step(0)).Concat(await Step(1)).Concat(window).ToArray();
        var row4 = rows.Single(r => r.GetProperty("step").GetInt64() == 4 && r.GetProperty("metric").GetString() == "sentiment");
        Assert.Equal(window.Average(id => sentiment[id]), row4.GetProperty("inputWindow").GetDouble(), 9);
        Assert.Equal(cumulative.Average(id => sentiment[id]), row4.GetProperty("inputCumulative").GetDouble(), 9);
        var row0 = rows.Single(r => r.GetProperty("step").GetInt64() == 0 && r.GetProperty("metric").GetString() == "sentiment");
        Assert.Equal(JsonValueKind.Null, row0.GetProperty("inputWindow").ValueKind); // nothing seen before step 0
        Assert.All(rows.Where(r => r.GetProperty("outputNorm").ValueKind == JsonValueKind.Number), r => Assert.InRange(r.GetProperty("outputNorm").GetDouble(), 0, 1));

        var csv = await p.Client.GetStringAsync($"/api/runs/{runId}/saturation?format=csv");
        Assert.StartsWith("step,samplesSeen,metric,inputWindow,inputCumulative,output,", csv);
    }

    [Fact]
    public async Task Saturation_HasTheLanguageMetrics_ForInputsAndOutputs()
    {
        var (p, runId) = await EvaluatedRunAsync(api);
        var rows = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/saturation"))!;
        JsonElement Row(long step, string metric) => rows.Single(r => r.GetProperty("step").GetInt64() == step && r.GetProperty("metric").GetString() == metric);
        foreach (var metric in new[] { "repetition_rate", "distinct_2", "oov_rate", "ngram_perplexity" })
            Assert.All(new long[] { 0, 8 }, step => Assert.Equal(JsonValueKind.Number, Row(step, metric).GetProperty("output").ValueKind));
        // The untrained model strings random pieces together: far less like the training text than the training text.
        var untrained = Row(0, "ngram_perplexity").GetProperty("output").GetDouble();
        var seen = Row(8, "ngram_perplexity").GetProperty("inputCumulative").GetDouble();
        Assert.True(untrained > 20 * seen, $"untrained output {untrained:F1} vs samples seen {seen:F1}");
    }

    [Fact]
    public async Task Evaluation_StoresGenerationsBiasAndViews()
    {
        var (p, runId) = await EvaluatedRunAsync(api);
        var generations = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/checkpoints/8/generations"))!;
        Assert.Contains(generations, g => g.GetProperty("mode").GetString() == "greedy");
        Assert.Contains(generations, g => g.GetProperty("mode").GetString() == "sample");

        var bias = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/bias"))!;
        Assert.Contains(bias, b => b.GetProperty("probe").GetString() == "she_he" && b.GetProperty("subject").GetString() == "doctor");
        Assert.Contains(bias, b => b.GetProperty("probe").GetString() == "minimal_pairs");

        var attention = await p.Client.GetJsonAsync($"/api/runs/{runId}/checkpoints/4/attention");
        var shape = attention.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(new long[] { 2, 4 }, shape[..2]); // 2 layers, 4 heads
        Assert.Equal(shape.Aggregate(1L, (a, b) => a * b), attention.GetProperty("weights").GetArrayLength());
        var embeddings = await p.Client.GetJsonAsync($"/api/runs/{runId}/checkpoints/4/embeddings");
        Assert.Equal(512, embeddings.GetProperty("points").GetArrayLength());
        Assert.True(embeddings.GetProperty("explainedVarianceRatio").EnumerateArray().Sum(e => e.GetDouble()) <= 1.0 + 1e-9);
        var layers = await p.Client.GetJsonAsync($"/api/runs/{runId}/checkpoints/4/layers");
        Assert.Equal(1.0, layers.GetProperty("similarity")[0][0].GetDouble(), 6);
    }

    [Theory]
    [InlineData("saturation.png", 1200, 700)]
    [InlineData("saturation.png?width=800&height=400", 800, 400)]
    [InlineData("losses.png", 1000, 600)]
    [InlineData("bias.png", 1000, 600)]
    [InlineData("checkpoints/4/attention.png", 1200, 900)]
    [InlineData("checkpoints/4/attention.png?layer=1&head=2", 1200, 900)]
    [InlineData("checkpoints/4/embeddings.png", 1000, 600)]
    [InlineData("checkpoints/4/embeddings.png?compare=8&labels=10", 1400, 600)]
    [InlineData("checkpoints/4/layers.png", 800, 700)]
    public async Task Plots_AreValidPngsOfTheExpectedSize(string path, int width, int height)
    {
        var (p, runId) = await EvaluatedRunAsync(api);
        var response = await p.Client.GetAsync($"/api/runs/{runId}/{path}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16))); // IHDR width
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Theory]
    [InlineData("saturation")]
    [InlineData("bias")]
    [InlineData("losses")]
    [InlineData("checkpoints")]
    [InlineData("checkpoints/8/generations")]
    public async Task Tables_NameTheirColumnsAsTheJsonFields_InCsvAndParquet(string table)
    {
        var (p, runId) = await EvaluatedRunAsync(api);
        var json = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/{table}"))!;
        var fields = json[0].EnumerateObject().Select(f => f.Name).ToList();
        var csv = await p.Client.GetStringAsync($"/api/runs/{runId}/{table}?format=csv");
        Assert.Equal(string.Join(',', fields), csv[..csv.IndexOf('\n')]);
        var parquet = await p.Client.GetAsync($"/api/runs/{runId}/{table}?format=parquet");
        Assert.Equal("application/vnd.apache.parquet", parquet.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await p.Client.GetAsync($"/api/runs/{runId}/{table}?format=xlsx")).StatusCode);
    }

    [Fact]
    public async Task Losses_HaveValidationLoss_AtCheckpointSteps()
    {
        var (p, runId) = await EvaluatedRunAsync(api);
        var losses = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/losses"))!;
        var checkpoints = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/checkpoints"))!
            .Where(c => c.GetProperty("valLoss").ValueKind == JsonValueKind.Number)
            .ToDictionary(c => c.GetProperty("step").GetInt64(), c => c.GetProperty("valLoss").GetDouble());
        Assert.NotEmpty(checkpoints);
        foreach (var row in losses)
        {
            var step = row.GetProperty("step").GetInt64();
            if (checkpoints.TryGetValue(step, out var valLoss)) Assert.Equal(valLoss, row.GetProperty("valLoss").GetDouble());
            else Assert.Equal(JsonValueKind.Null, row.GetProperty("valLoss").ValueKind);
        }
        var jobs = await p.Client.GetStringAsync("/api/jobs?format=csv");
        Assert.StartsWith("id,type,state,progress,message,createdAt,", jobs);
    }

    [Fact]
    public async Task BadRequests_Give404And409ProblemDetails()
    {
        var (p, runId) = await EvaluatedRunAsync(api);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.PostAsJsonAsync($"/api/runs/{Guid.NewGuid()}/evaluations", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.PostAsJsonAsync($"/api/runs/{runId}/evaluations", new { checkpoints = new[] { 3 } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/3/generations")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/4/attention.png?layer=9")).StatusCode);

        // A checkpoint that exists but was not evaluated: 409.
        using var worker = await api.StartWorkerAsync("gpu");
        var (other, job) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, seed: 22, maxIters: 2));
        await p.Client.WaitForSuccessAsync(job, TimeSpan.FromMinutes(2));
        await worker.StopAsync();
        var response = await p.Client.GetAsync($"/api/runs/{other}/checkpoints/2/generations");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, (await p.Client.GetAsync($"/api/runs/{other}/checkpoints/2/embeddings")).StatusCode);
    }

    [Fact]
    public async Task SamplePerplexity_BecomesASampleMetric_ThatCanOrderARun()
    {
        var (p, runId) = await EvaluatedRunAsync(api);
        var (_, job) = await p.Client.PostWorkAsync($"/api/runs/{runId}/checkpoints/8/perplexity", new { });
        await p.Client.WaitForSuccessAsync(job, TimeSpan.FromMinutes(3));
        var summary = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/metrics/summary");
        var perplexity = summary.EnumerateArray().Single(s => s.GetProperty("metric").GetString() == "perplexity");
        Assert.Equal(PipelineFixture.Documents, perplexity.GetProperty("count").GetInt64());
        Assert.True(perplexity.GetProperty("min").GetDouble() >= 1.0);
        var create = await p.Client.PostAsJsonAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, new { method = "sort_asc", metric = "perplexity" }, maxIters: 1));
        Assert.Equal(HttpStatusCode.Accepted, create.StatusCode);
    }
}
