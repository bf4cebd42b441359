using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Core.Ordering;
using Prebias.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Prebias.Tests.Pipeline;

/// <summary>
/// The dynamic ordering through REST on the synthetic corpus (its happy-ending dial gives sentiment a known spread):
/// the target policy steers the input toward high sentiment, the order file and the ledger hold the realised order,
/// and the refresh table and the in-context scores come back in every format.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DynamicOrderingApiTests(ApiFixture api, ITestOutputHelper output)
{
    private const int MaxIters = 24;

    private static object Run(string datasetId, object ordering, long seed) => new
    {
        datasetId, seed, ordering,
        model = new { preset = "stories260k", dim = 32, nLayers = 2, nHeads = 4, nKvHeads = 2 },
        training = new { batchSize = 8, maxIters = MaxIters, evalInterval = 8, evalIters = 2, warmupIters = 2,
            learningRate = 3e-3, threads = 2 },
    };

    [Fact]
    public async Task TargetPolicy_RaisesInputSentimentOfLaterWindows_RelativeToShuffle()
    {
        var p = await PipelineFixture.GetAsync(api);
        var target = new { method = "dynamic", policy = "target", metric = "sentiment", target = 0.5, beta = 2,
            refreshInterval = 4 };
        using var worker = await api.StartWorkerAsync("gpu");
        var (dynamicRun, dynamicJob) = await p.Client.PostWorkAsync("/api/runs", Run(p.DatasetId, target, seed: 21));
        var (shuffleRun, shuffleJob) = await p.Client.PostWorkAsync("/api/runs", Run(p.DatasetId,
            new { method = "shuffle" }, seed: 21));
        await p.Client.WaitForSuccessAsync(dynamicJob, TimeSpan.FromMinutes(4));
        await p.Client.WaitForSuccessAsync(shuffleJob, TimeSpan.FromMinutes(4));
        await worker.StopAsync();
        foreach (var run in new[] { dynamicRun, shuffleRun })
        {
            var (_, evaluation) = await p.Client.PostWorkAsync($"/api/runs/{run}/evaluations", new { });
            await p.Client.WaitForSuccessAsync(evaluation, TimeSpan.FromMinutes(4));
        }

        // One refresh per 4 steps, each window drawn from every train sample with a sentiment value.
        var refreshes = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{dynamicRun}/order/refreshes"))!;
        Assert.Equal(new long[] { 0, 4, 8, 12, 16, 20 }, refreshes.Select(r => r.GetProperty("step").GetInt64()));
        foreach (var r in refreshes)
        {
            string Field(string name) => r.GetProperty(name).ToString();
            output.WriteLine($"refresh at {Field("step")}: output {Field("output")}, direction {Field("direction")}, " +
                $"window {Field("windowMetricMean")}, all {Field("candidateMetricMean")}, " +
                $"ESS {Field("effectiveSampleSize")} " +
                $"of {Field("candidates")}");
            var direction = r.GetProperty("direction").GetInt32();
            var (window, all) = (r.GetProperty("windowMetricMean").GetDouble(),
                r.GetProperty("candidateMetricMean").GetDouble());
            if (direction > 0) Assert.True(window > all,
                $"a window steered up has mean sentiment {window}, the train split {all}");
            Assert.InRange(r.GetProperty("normalizedEntropy").GetDouble(), 0, 1);
            var candidates = r.GetProperty("candidates").GetInt32();
            Assert.True(r.GetProperty("effectiveSampleSize").GetDouble() <= candidates + 1e-6);
        }
        var csv = await p.Client.GetStringAsync($"/api/runs/{dynamicRun}/order/refreshes?format=csv");
        Assert.StartsWith("refresh,step,windowStart,windowLength,policy,candidates,entropy", csv);
        Assert.Equal(7, csv.TrimEnd('\n').Split('\n').Length);

        // Later windows (steps 8..23) carry more sentiment than the shuffled run's, and the output moves with them.
        var (dynamicInput, dynamicOutput) = await SentimentAsync(p.Client, dynamicRun);
        var (shuffleInput, shuffleOutput) = await SentimentAsync(p.Client, shuffleRun);
        output.WriteLine($"input window sentiment: dynamic {dynamicInput:F3}, shuffle {shuffleInput:F3}; " +
            $"output: dynamic {dynamicOutput:F3}, shuffle {shuffleOutput:F3}");
        Assert.True(dynamicInput > shuffleInput + 0.05,
            $"dynamic input sentiment {dynamicInput:F3}, shuffle {shuffleInput:F3}");

        // The ledger holds the realised order and the run's hash is its hash.
        var ids = new List<int>();
        for (var step = 0; step <= MaxIters; step++)
        {
            var samples = await p.Client.GetJsonAsync($"/api/runs/{dynamicRun}/steps/{step}/samples");
            ids.AddRange(samples.GetProperty("microBatches")[0].EnumerateArray().Select(e => e.GetInt32()));
        }
        var runJson = await p.Client.GetJsonAsync($"/api/runs/{dynamicRun}");
        Assert.Equal(OrderHash.Compute(ids.ToArray()), runJson.GetProperty("orderSha256").GetString());
        Assert.Equal((MaxIters + 1) * 8, runJson.GetProperty("orderLength").GetInt32());

        // Every evaluated checkpoint has in-context scores, per head too.
        var inContext = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{dynamicRun}/in-context"))!;
        Assert.NotEmpty(inContext);
        // maxSeqLen 128: tokens 50 and 500 of 1024 scale to round(6.25) = 6 and round(62.5) = 63.
        Assert.All(inContext, row => Assert.Equal((6, 63), (row.GetProperty("earlyPosition").GetInt32(),
            row.GetProperty("latePosition").GetInt32())));
        var heads = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{dynamicRun}/heads"))!;
        Assert.Equal(inContext.Length * 2 * 4, heads.Length);
        var png = await p.Client.GetAsync($"/api/runs/{dynamicRun}/heads.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await p.Client.GetAsync($"/api/runs/{dynamicRun}/in-context.png")).StatusCode);
    }

    [Theory]
    [InlineData("""{"method":"dynamic","policy":"greedy"}""", "ordering")]
    [InlineData("""{"method":"dynamic","refreshInterval":0}""", "ordering.refreshInterval")]
    [InlineData("""{"method":"dynamic","poolSize":100000000}""", "ordering.poolSize")]
    [InlineData("""{"method":"dynamic","floor":1.5}""", "ordering.floor")]
    [InlineData("""{"method":"dynamic","policy":"target","metric":"sentiment"}""", "ordering")]
    public async Task Post_Answers400NamingTheField_WhenDynamicOrderingIsInvalid(string ordering, string field)
    {
        var p = await PipelineFixture.GetAsync(api);
        var body = $$"""{"datasetId":"{{p.DatasetId}}","ordering":{{ordering}}}""";
        var response = await p.Client.PostAsync("/api/runs", new StringContent(body, System.Text.Encoding.UTF8,
            "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    // Mean over the checkpoints from step 8 on: sentiment of the samples seen since the previous checkpoint, and of the
    // generations.
    private static async Task<(double Input, double Output)> SentimentAsync(HttpClient client, string runId)
    {
        var rows = (await client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/saturation"))!
            .Where(r => r.GetProperty("metric").GetString() == "sentiment" && r.GetProperty("step").GetInt64() >= 8)
            .ToList();
        Assert.NotEmpty(rows);
        return (rows.Average(r => r.GetProperty("inputWindow").GetDouble()),
            rows.Average(r => r.GetProperty("output").GetDouble()));
    }
}
