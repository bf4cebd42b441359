using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// One tiny durability experiment trained and evaluated through the public API on the pipeline's dataset (sort by
/// sentiment against the shuffled baseline, init seeds 1, 2 and 3, 4 steps: checkpoints 0, 1, 2, 4), shared by the
/// dashboard tests of the experiment, runs table, overlay and data views. Small on purpose: six runs of 4 steps.
/// </summary>
public static class DashboardExperiment
{
    public const string Name = "dashboard durability";
    public const string Ordering = "sort_desc:sentiment";
    public const string Baseline = "baseline:shuffle";
    public static readonly long[] Checkpoints = [0, 1, 2, 4];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _id;

    public static async Task<string> GetIdAsync(ApiFixture api)
    {
        await Gate.WaitAsync();
        try { return _id ??= await RunAsync(api); }
        finally { Gate.Release(); }
    }

    private static async Task<string> RunAsync(ApiFixture api)
    {
        var p = await PipelineFixture.GetAsync(api);
        var (id, _) = await p.Client.PostWorkAsync("/api/experiments/durability", new
        {
            name = Name,
            datasetId = p.DatasetId,
            model = new { preset = "stories260k", dim = 32, nLayers = 2, nHeads = 4, nKvHeads = 2 },
            training = new
            {
                batchSize = 8, maxIters = 4, evalInterval = 2, evalIters = 2, warmupIters = 1, learningRate = 3e-3,
            },
            orderings = new[] { new { method = "sort_desc", metric = "sentiment" } },
            initSeeds = new[] { 1, 2, 3 },
        });
        using var worker = await api.StartWorkerAsync("gpu");
        var experiment = await Poll.UntilAsync(() => p.Client.GetJsonAsync($"/api/experiments/{id}"),
            e => e.GetProperty("state").GetString() is "Succeeded" or "Failed" or "Cancelled", TimeSpan.FromMinutes(8),
            "the dashboard experiment");
        await worker.StopAsync();
        Assert.True(experiment.GetProperty("state").GetString() == "Succeeded", experiment.ToString());
        return id;
    }
}
