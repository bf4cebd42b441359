using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Prebias.Tests.Pipeline;

/// <summary>A durability experiment fans out over workers, survives a worker restart, and is compared against seed noise.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExperimentApiTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task DurabilityExperiment_CompletesAcrossAWorkerRestart_AndComparesOrderingsWithSeedNoise()
    {
        var p = await PipelineFixture.GetAsync(api);
        var (id, _) = await p.Client.PostWorkAsync("/api/experiments/durability", new
        {
            name = "test durability",
            datasetId = p.DatasetId,
            model = new { preset = "stories260k", dim = 32, nLayers = 2, nHeads = 4, nKvHeads = 2 },
            training = new { batchSize = 8, maxIters = 4, evalInterval = 2, evalIters = 2, warmupIters = 1, learningRate = 3e-3 },
            orderings = new[] { new { method = "sort_desc", metric = "sentiment" } },
            initSeeds = new[] { 1, 2, 3 },
        });
        var experiment = await p.Client.GetJsonAsync($"/api/experiments/{id}");
        Assert.Equal(6, experiment.GetProperty("runIds").GetArrayLength()); // (ordering + baseline) × 3 init seeds
        // Default order seeds: one, the first init seed, for every run, so only the initialisation varies.
        Assert.All(experiment.GetProperty("runs").EnumerateArray(), r => Assert.Equal(1, r.GetProperty("orderSeed").GetInt64()));

        // One worker does part of the work and is shut down; a second one, started later, finishes it.
        var first = await api.StartWorkerAsync("gpu", "default");
        await Poll.UntilAsync(() => p.Client.GetJsonAsync($"/api/experiments/{id}"),
            e => e.GetProperty("runs").EnumerateArray().Any(r => r.GetProperty("state").GetString() == "Succeeded"),
            TimeSpan.FromMinutes(4), "a first trained run");
        await first.StopAsync();
        first.Dispose();
        using var second = await api.StartWorkerAsync("gpu", "default");
        experiment = await Poll.UntilAsync(() => p.Client.GetJsonAsync($"/api/experiments/{id}"),
            e => e.GetProperty("state").GetString() is "Succeeded" or "Failed", TimeSpan.FromMinutes(6),
            "the experiment to finish");
        await second.StopAsync();
        Assert.True(experiment.GetProperty("state").GetString() == "Succeeded", experiment.ToString());
        Assert.Equal(1.0, experiment.GetProperty("progress").GetDouble());

        var comparison = await p.Client.GetJsonAsync($"/api/experiments/{id}/comparison");
        var curves = comparison.GetProperty("curves").EnumerateArray().Where(c => c.GetProperty("metric").GetString() == "sentiment").ToList();
        Assert.Equal(new[] { "baseline:shuffle", "sort_desc:sentiment" }, curves.Select(c => c.GetProperty("ordering").GetString()).Distinct().Order());
        Assert.All(curves, c => Assert.Equal(3, c.GetProperty("seeds").GetInt32()));
        Assert.Equal(new long[] { 0, 1, 2, 4 }, curves.Select(c => c.GetProperty("step").GetInt64()).Distinct().Order());

        var end = comparison.GetProperty("endPoint").EnumerateArray().Single(e => e.GetProperty("metric").GetString() == "sentiment");
        Assert.Equal(4, end.GetProperty("step").GetInt64());
        // Same init seeds in both arms: a paired comparison over 3 seeds, with every number its verdict rests on.
        output.WriteLine(end.ToString());
        Assert.Equal("paired", end.GetProperty("design").GetString());
        Assert.Equal(3, end.GetProperty("nOrdering").GetInt32());
        Assert.Equal(3, end.GetProperty("nBaseline").GetInt32());
        Assert.Equal(3, end.GetProperty("initSeeds").GetInt32());
        Assert.Equal(1, end.GetProperty("orderSeeds").GetInt32());
        Assert.Equal(JsonValueKind.Null, end.GetProperty("orderSeedSd").ValueKind);
        Assert.True(end.GetProperty("ciLower").GetDouble() <= end.GetProperty("difference").GetDouble());
        Assert.True(end.GetProperty("ciUpper").GetDouble() >= end.GetProperty("difference").GetDouble());
        var rows = comparison.GetProperty("endPoint").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal(1.0, r.GetProperty("equivalenceMargin").GetDouble()));
        // Holm over every metric: an adjusted p is never below its raw p.
        Assert.All(rows.Where(r => r.GetProperty("adjustedP").ValueKind == JsonValueKind.Number),
            r => Assert.True(r.GetProperty("adjustedP").GetDouble() >= r.GetProperty("p").GetDouble() - 1e-15));
        Assert.InRange(end.GetProperty("adjustedP").GetDouble(), end.GetProperty("p").GetDouble(), 1);
        Assert.InRange(end.GetProperty("permutationP").GetDouble(), 0.25, 1); // 3 pairs: the smallest exact sign-flip p is 2/8
        Assert.Contains(end.GetProperty("verdict").GetString(), new[] { "effect", "equivalent", "inconclusive" });
        Assert.Equal(end.GetProperty("equivalenceP").GetDouble() < 0.05, end.GetProperty("equivalent").GetBoolean());
        var ordering = curves.Single(c => c.GetProperty("ordering").GetString() == "sort_desc:sentiment" && c.GetProperty("step").GetInt64() == 4).GetProperty("mean").GetDouble();
        var baseline = curves.Single(c => c.GetProperty("ordering").GetString() == "baseline:shuffle" && c.GetProperty("step").GetInt64() == 4).GetProperty("mean").GetDouble();
        Assert.Equal(ordering - baseline, end.GetProperty("difference").GetDouble(), 9);

        var divergence = comparison.GetProperty("divergence").EnumerateArray().ToList();
        Assert.Equal(new long[] { 0, 1, 2, 4 }, divergence.Select(d => d.GetProperty("step").GetInt64()).Order());
        // Same seed, same initial weights: the runs only part once their batches differ.
        var atZero = divergence.Single(d => d.GetProperty("step").GetInt64() == 0);
        Assert.Equal(0.0, atZero.GetProperty("klDivergence").GetDouble(), 9);
        Assert.Equal(1.0, atZero.GetProperty("embeddingCka").GetDouble(), 6);
        Assert.True(divergence.Single(d => d.GetProperty("step").GetInt64() == 4).GetProperty("klDivergence").GetDouble() > 1e-6);
        Assert.All(divergence, d => Assert.InRange(d.GetProperty("embeddingCka").GetDouble(), 0, 1 + 1e-9));

        // A branch of the baseline's seed-1 run joins the experiment and its comparison.
        var baselineRun = experiment.GetProperty("runs").EnumerateArray().First(r => r.GetProperty("ordering").GetString() == "baseline:shuffle").GetProperty("id").GetString();
        using (var third = await api.StartWorkerAsync("gpu", "default"))
        {
            await p.Client.PostWorkAsync($"/api/runs/{baselineRun}/branches", new { fromStep = 2, transform = new { kind = "swap_gender" } });
            Assert.Equal("Running", (await p.Client.GetJsonAsync($"/api/experiments/{id}")).GetProperty("state").GetString());
            try
            {
                await Poll.UntilAsync(() => p.Client.GetJsonAsync($"/api/experiments/{id}"),
                    e => e.GetProperty("state").GetString() is "Succeeded" or "Failed", TimeSpan.FromMinutes(4),
                    "the experiment to take the branch in");
            }
            catch (TimeoutException)
            {
                Assert.Fail(await p.Client.GetStringAsync("/api/jobs?limit=30"));
            }
            await third.StopAsync();
        }
        var withBranch = await p.Client.GetJsonAsync($"/api/experiments/{id}/comparison");
        Assert.Contains(withBranch.GetProperty("curves").EnumerateArray(), c => c.GetProperty("ordering").GetString() == "shuffle → swap_gender@2");
        Assert.Contains(withBranch.GetProperty("divergence").EnumerateArray(), d => d.GetProperty("ordering").GetString() == "shuffle → swap_gender@2");
        // One branch run: one pair with the baseline, so no verdict but the one that says so.
        var branchEnd = withBranch.GetProperty("endPoint").EnumerateArray().Single(e => e.GetProperty("metric").GetString() == "sentiment" && e.GetProperty("ordering").GetString() == "shuffle → swap_gender@2");
        Assert.Equal("inconclusive: n < 3", branchEnd.GetProperty("verdict").GetString());
        Assert.Equal(1, branchEnd.GetProperty("nOrdering").GetInt32());

        var csv = await p.Client.GetStringAsync($"/api/experiments/{id}/comparison?format=csv&table=endpoint");
        // The CSV's columns are the JSON's field names, in the same order.
        Assert.StartsWith(string.Join(",", end.EnumerateObject().Select(f => f.Name)) + "\n", csv);
        Assert.StartsWith("metric,ordering,step,design,nOrdering,nBaseline,", csv);
        var png = await p.Client.GetByteArrayAsync($"/api/experiments/{id}/comparison.png");
        Assert.Equal(0x89, png[0]);
        Assert.Equal(HttpStatusCode.BadRequest, (await p.Client.GetAsync($"/api/experiments/{id}/comparison?table=nope&format=csv")).StatusCode);
    }

    [Fact]
    public async Task CreateDurability_Returns400_ForBadOrderingsOrSeeds()
    {
        var p = await PipelineFixture.GetAsync(api);
        async Task<HttpStatusCode> Post(object body) => (await p.Client.PostAsJsonAsync("/api/experiments/durability", body)).StatusCode;
        Assert.Equal(HttpStatusCode.BadRequest, await Post(new { datasetId = p.DatasetId, orderings = Array.Empty<object>() }));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(new { datasetId = p.DatasetId, orderings = new[] { new { method = "sort_asc", metric = "nope" } } }));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(new { datasetId = p.DatasetId, orderings = new[] { new { method = "shuffle" } }, seeds = new[] { 1, 1 } }));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(new { datasetId = p.DatasetId, orderings = new[] { new { method = "shuffle" } }, initSeeds = new[] { 1, 2 }, orderSeeds = new[] { 3, 3 } }));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(new { datasetId = p.DatasetId, orderings = new[] { new { method = "shuffle" } }, equivalenceMargin = 0.0 }));
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/experiments/{Guid.NewGuid()}/comparison")).StatusCode);
    }
}
