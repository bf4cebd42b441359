using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// One tiny run named "dashboard e2e" (2 layers × 4 heads, 12 steps, checkpoints 0, 1, 2, 4, 8, 12) trained through the
/// public API on the pipeline's dataset, shared by the dashboard tests.
/// </summary>
public static class DashboardRun
{
    public const string Name = "dashboard e2e";
    public const int Layers = 2, Heads = 4;
    public static readonly long[] Checkpoints = [0, 1, 2, 4, 8, 12];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _runId;

    public static async Task<string> GetIdAsync(ApiFixture api)
    {
        await Gate.WaitAsync();
        try { return _runId ??= await TrainAsync(api); }
        finally { Gate.Release(); }
    }

    private static async Task<string> TrainAsync(ApiFixture api)
    {
        var p = await PipelineFixture.GetAsync(api);
        using var worker = await api.StartWorkerAsync("gpu");
        var spec = new
        {
            name = Name, datasetId = p.DatasetId, seed = 3,
            model = new { preset = "stories260k", dim = 32, nLayers = Layers, nHeads = Heads, nKvHeads = 2 },
            training = new { batchSize = 8, maxIters = 12, evalInterval = 4, evalIters = 2, warmupIters = 2, learningRate = 3e-3, threads = 2 },
        };
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", spec);
        await p.Client.WaitForSuccessAsync(job, TimeSpan.FromMinutes(3));
        await worker.StopAsync();
        // Evaluated, so the saturation, bias and checkpoint views draw real data.
        var (_, evaluation) = await p.Client.PostWorkAsync($"/api/runs/{runId}/evaluations", new { });
        await p.Client.WaitForSuccessAsync(evaluation, TimeSpan.FromMinutes(3));
        return runId;
    }
}
